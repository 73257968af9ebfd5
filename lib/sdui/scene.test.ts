import { describe, expect, it } from "vitest";
import { SceneSchema } from "./scene.ts";

const paths = (v: unknown) => {
  const r = SceneSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("SceneSchema", () => {
  const scene = {
    elements: [
      {
        kind: "layer",
        id: "edges",
        name: "Edges",
        visible: true,
        opacity: 0.5,
        children: [
          { kind: "line", id: "e1", x1: 0, y1: 0, x2: 10, y2: 10, stroke: "#333", marker_end: "arrow" },
          { kind: "path", id: "e2", d: "M0 0 C 10 10, 20 20, 30 0 Z", stroke: "var(--edge)" },
        ],
      },
      {
        kind: "group",
        id: "node-1",
        translate: [100, 50],
        rotate: 15,
        scale: [1, 2],
        data: { node: 1 },
        children: [
          { kind: "circle", id: "node-1-dot", cx: 0, cy: 0, r: 12, fill: "tomato" },
          { kind: "rect", id: "node-1-box", x: -20, y: -10, width: 40, height: 20, rx: 4 },
          { kind: "polygon", id: "node-1-tri", points: [[0, 0], [5, 5], [0, 5]] },
          { kind: "text-label", id: "node-1-label", x: 0, y: 20, text: "One", anchor: "middle", font_size: 12 },
        ],
      },
    ],
  };

  it("accepts every element kind, nested", () => {
    expect(paths(scene)).toEqual([]);
  });

  it("rejects bad elements with their paths", () => {
    expect(paths({ elements: [{ kind: "circle", id: "c", cx: 0, cy: 0 }] })).toEqual(["elements.0.r"]);
    expect(paths({ elements: [{ kind: "star", id: "s" }] })).toEqual(["elements.0.kind"]);
    expect(paths({ elements: [{ kind: "rect", x: 0, y: 0, width: 1, height: 1 }] })).toEqual(["elements.0.id"]);
    expect(paths({ elements: [{ kind: "path", id: "p", d: "M0 0 <script>" }] })).toEqual(["elements.0.d"]);
    expect(paths({ elements: [{ kind: "circle", id: "c", cx: 0, cy: 0, r: 1, fill: "url(http://evil)" }] })).toEqual(["elements.0.fill"]);
    expect(paths({ elements: [{ kind: "group", id: "g", children: [{ kind: "circle", id: "c", cx: "0", cy: 0, r: 1 }] }] })).toEqual(["elements.0.children.0.cx"]);
    expect(paths({ elements: [{ kind: "layer", id: "l", visible: "yes", children: [] }] })).toEqual(["elements.0.visible"]);
    expect(paths({ elements: [{ kind: "polygon", id: "p", points: [[0, 0]] }] })).toEqual(["elements.0.points"]);
  });

  it("rejects duplicate ids anywhere in the scene", () => {
    const dup = { elements: [{ kind: "circle", id: "a", cx: 0, cy: 0, r: 1 }, { kind: "group", id: "g", children: [{ kind: "circle", id: "a", cx: 0, cy: 0, r: 1 }] }] };
    const r = SceneSchema.safeParse(dup);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]?.path).toEqual(["elements", 1, "children", 0, "id"]);
      expect(r.error.issues[0]?.message).toContain("first at elements.0");
    }
  });

  it("limits nesting depth", () => {
    let el: Record<string, unknown> = { kind: "circle", id: "leaf", cx: 0, cy: 0, r: 1 };
    for (let i = 0; i < 40; i++) el = { kind: "group", id: `g${i}`, children: [el] };
    expect(SceneSchema.safeParse({ elements: [el] }).success).toBe(false);
  });

  it("accepts animate blocks on elements: enter, exit with to, transitions of attributes", () => {
    const el = { kind: "circle", id: "c", cx: 0, cy: 0, r: 4, animate: { enter: "pop", exit: "slide_out", to: "left", transition: ["cx", "cy", "fill", "position"], easing: "elastic", duration_ms: 400, delay_ms: 10, stagger_ms: 5 } };
    expect(paths({ elements: [el] })).toEqual([]);
    expect(paths({ elements: [{ ...el, animate: { transition: "all" } }] })).toEqual([]);
    expect(paths({ elements: [{ ...el, animate: { transition: "none", exit: "shrink" } }] })).toEqual([]);
  });

  it("rejects bad animate blocks with their paths", () => {
    const el = (animate: unknown) => ({ elements: [{ kind: "rect", id: "r", x: 0, y: 0, width: 1, height: 1, animate }] });
    expect(paths(el({ transition: ["left"] }))).toEqual(["elements.0.animate.transition"]);
    expect(paths(el({ exit: "vanish" }))).toEqual(["elements.0.animate.exit"]);
    expect(paths(el({ exit: "fade_out", to: "left" }))).toEqual(["elements.0.animate.to"]);
    expect(paths(el({ duration_ms: -5 }))).toEqual(["elements.0.animate.duration_ms"]);
    expect(paths(el({ transition: [] }))).toEqual(["elements.0.animate.transition"]);
    expect(paths(el({ wobble: true }))).toEqual(["elements.0.animate"]);
  });
});

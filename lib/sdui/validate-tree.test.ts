import { describe, expect, it } from "vitest";
import { UiTreeSchema, validateUiTree } from "./validate-tree.ts";

const problems = (tree: unknown) => {
  const r = validateUiTree(tree);
  return r.ok ? [] : r.problems;
};

describe("validateUiTree", () => {
  it("accepts a realistic tree", () => {
    const tree = {
      type: "column",
      id: "root",
      role: "page",
      children: [
        { type: "heading", props: { text: "Graph (${len(state.nodes)} nodes)" } },
        {
          type: "row",
          role: "toolbar",
          children: [
            { type: "button", id: "add", props: { label: "Add", command: "add_node", params: { x: 10 } }, animate: { enter: "pop", duration_ms: 200 } },
            { type: "toggle", props: { checked: "${state.snap}", label: "Snap", command: "set_snap", params: { on: "${event.value}" } } },
          ],
        },
        {
          type: "list",
          props: { items: "${state.nodes}", key: "${item.id}" },
          children: [{ type: "text", id: "node-${item.id}", props: { text: "${index + 1}. ${item.label}" }, animate: { enter: "slide_in", from: "left", stagger_ms: 30 } }],
        },
        { type: "canvas", props: { scene: "${state.scene}", viewBox: "0 0 100 100" } },
      ],
    };
    expect(validateUiTree(tree)).toEqual({ ok: true });
    expect(UiTreeSchema.safeParse(tree).success).toBe(true);
  });

  it("reports every problem with the path of its fault", () => {
    const tree = {
      type: "column",
      children: [
        { type: "text", props: { text: "ok" } },
        { type: "buton", props: { label: "x" } },
        { type: "row", children: [{ type: "button", props: { label: 5, colour: "red" } }] },
        { type: "text", props: { text: "Total: ${state.count +}" } },
      ],
      extra: 1,
    };
    expect(problems(tree)).toEqual([
      { path: "extra", message: expect.stringContaining('unknown node field "extra"') },
      { path: "children.1.type", message: 'unknown component type "buton" (did you mean "button"?)' },
      { path: "children.2.children.0.props.label", message: expect.stringContaining("expected string") },
      { path: "children.2.children.0.props.colour", message: expect.stringContaining('unknown field "colour"') },
      { path: "children.3.props.text", message: expect.stringMatching(/bad expression: unexpected end of expression at 1:23/) },
    ]);
  });

  it("keeps checking the children of a node with an unknown type", () => {
    const p = problems({ type: "container", children: [{ type: "text", props: {} }] });
    expect(p.map((x) => x.path)).toEqual(["type", "children.0.props.text"]);
    expect(p[0]?.message).toContain('did you mean "column"');
  });

  it("reports missing or malformed node basics", () => {
    expect(problems(null)).toEqual([{ path: "", message: expect.stringContaining("expected a node object") }]);
    expect(problems({})[0]).toEqual({ path: "type", message: "required: the component type" });
    expect(problems({ type: "column", children: {} })[0]?.path).toBe("children");
    expect(problems({ type: "column", children: [42] })[0]?.path).toBe("children.0");
    expect(problems({ type: "text", props: { text: "x" }, role: "Bad Role" })[0]?.path).toBe("role");
    expect(problems({ type: "text", props: { text: "x" }, id: "1abc" })[0]?.path).toBe("id");
    expect(problems({ type: "text", props: { text: "x" }, id: "n-${item.id" })[0]?.message).toContain("bad expression");
  });

  it("reports duplicate literal ids", () => {
    const p = problems({ type: "row", id: "a", children: [{ type: "spacer", id: "b" }, { type: "spacer", id: "a" }] });
    expect(p).toEqual([{ path: "children.1.id", message: 'duplicate id "a" (first used at the root)' }]);
  });

  it("reports item, index and event used where they are never in scope", () => {
    const p = problems({
      type: "column",
      children: [
        { type: "text", props: { text: "Hi ${item.name}" } },
        { type: "button", props: { label: "${event.x}", command: "go", params: { at: "${event.x}", row: "${index}" } } },
        { type: "table", props: { items: "${item.rows}", key: "${item.id}", columns: [{ header: "N", value: "${index}" }], params: { id: "${item.id}" } } },
      ],
    });
    expect(p.map((x) => x.path)).toEqual(["children.0.props.text", "children.1.props.label", "children.1.props.params.row", "children.2.props.items"]);
    expect(p[0]?.message).toContain('"item" is only in scope');
    expect(p[1]?.message).toContain('"event" is only in scope in command params');
  });

  it("allows item and index anywhere inside a list's children, nested lists included", () => {
    const tree = {
      type: "list",
      props: { items: "${state.groups}", key: "${item.id}" },
      children: [
        { type: "row", id: "g-${item.id}", children: [{ type: "badge", props: { text: "${index}" } }, { type: "list", props: { items: "${item.members}", key: "${item.id}" }, children: [{ type: "text", props: { text: "${item.name}" } }] }] },
      ],
    };
    expect(problems(tree)).toEqual([]);
    const literal = problems({ type: "list", props: { items: "${state.x}", key: "${item.id}" }, children: [{ type: "spacer", id: "row" }] });
    expect(literal).toEqual([{ path: "children.0.id", message: expect.stringContaining('use a template like "row-${item.id}"') }]);
  });

  it("validates animate blocks", () => {
    const p = problems({ type: "spacer", animate: { enter: "zoom", exit: "fade_out", to: "left", easing: "bounce", delay_ms: -1 } });
    expect(p.map((x) => x.path).sort()).toEqual(["animate.delay_ms", "animate.enter"]);
    const q = problems({ type: "spacer", animate: { exit: "fade_out", to: "left" } });
    expect(q).toEqual([{ path: "animate.to", message: 'to only applies to exit "slide_out"' }]);
    expect(problems({ type: "spacer", animate: { enter: "slide_in", from: "top", exit: "collapse", transition: ["opacity", "color"], easing: "elastic" } })).toEqual([]);
    expect(problems({ type: "progress-bar", animate: { exit: "slide_out", to: "right", transition: ["size"], easing: "step", duration_ms: 900, stagger_ms: 20 } })).toEqual([]);
    expect(problems({ type: "spacer", animate: { transition: ["cx"] } }).map((x) => x.path)).toEqual(["animate.transition.0"]);
    const table = (row_animate: unknown) => ({ type: "table", props: { items: "${state.rows}", key: "${item.id}", columns: [{ header: "Name", field: "name" }], row_animate } });
    expect(problems(table({ exit: "slide_out", to: "right", duration_ms: 300, easing: "bounce" }))).toEqual([]);
    expect(problems(table({ exit: "fade_out", to: "right" })).map((x) => x.path)).toEqual(["props.row_animate.to"]);
    expect(problems(table({ enter: "pop", exit: "fade_out" })).map((x) => x.path)).toEqual(["props.row_animate.enter"]);
    expect(problems(table({ duration_ms: 100 })).map((x) => x.path)).toEqual(["props.row_animate.exit"]);
  });

  it("limits the size and depth of a tree", () => {
    let deep: Record<string, unknown> = { type: "spacer" };
    for (let i = 0; i < 200; i++) deep = { type: "column", children: [deep] };
    expect(problems(deep).some((p) => p.message.includes("nested deeper"))).toBe(true);
    const wide = { type: "column", children: Array.from({ length: 6000 }, () => ({ type: "spacer" })) };
    expect(problems(wide).some((p) => p.message.includes("more than"))).toBe(true);
  });

  it("turns problems into zod issues with path arrays", () => {
    const r = UiTreeSchema.safeParse({ type: "row", children: [{ type: "badge", props: {} }] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(["children", 0, "props", "text"]);
  });
});

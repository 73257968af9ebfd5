import { describe, expect, it } from "vitest";
import { EASING_CSS, emphasisFrames, enterFrames, eventFrames, exitFrames, timing } from "./animate";
import { parseTokens, tokensCss } from "./tokens";

describe("tokens", () => {
  it("turns flat, prefixed and nested tokens into custom properties for both themes", () => {
    const t = parseTokens({ accent: "#f00", "--radius": "4px", color: { node_fill: "#0f0" } });
    expect(t.light).toEqual({ "--accent": "#f00", "--radius": "4px", "--color-node-fill": "#0f0", "--node-fill": "#0f0" });
    expect(t.dark).toEqual(t.light);
  });

  it("keeps per-theme values apart and rejects values that could escape a declaration", () => {
    const t = parseTokens({ light: { accent: "#111" }, dark: { accent: "#eee" }, bad: "red; } body { x: y", img: "url(http://x)" });
    expect(t.light).toEqual({ "--accent": "#111" });
    expect(t.dark).toEqual({ "--accent": "#eee" });
    const css = tokensCss(".plugin-area", t);
    expect(css).toContain("--accent: #111;");
    expect(css).toContain('[data-theme="dark"] .plugin-area {\n  --accent: #eee;');
  });
});

describe("animations", () => {
  it("has frames for every enter, exit and emphasis effect", () => {
    for (const e of ["fade_in", "scale_in", "pop", "slide_in", "draw", "grow"]) expect(enterFrames(e).length).toBeGreaterThan(1);
    for (const e of ["fade_out", "scale_out", "slide_out", "shrink", "collapse"]) expect(exitFrames(e).length).toBeGreaterThan(1);
    for (const e of ["pulse", "shake", "glow", "flash", "bounce", "ring"]) expect(emphasisFrames(e).length).toBeGreaterThan(1);
    expect(enterFrames("slide_in", "left")[0]).toEqual({ opacity: 0, transform: "translateX(-16px)" });
  });

  it("maps every easing and staggers siblings", () => {
    for (const e of ["linear", "ease_in", "ease_out", "ease_in_out", "bounce", "elastic", "step"]) expect(EASING_CSS[e]).toBeTruthy();
    expect(timing({ delay_ms: 100, stagger_ms: 50, duration_ms: 300, easing: "linear" }, 200, 2)).toEqual({ duration: 300, delay: 200, easing: "linear", fill: "backwards" });
  });

  it("respects reduced motion with zero duration and delay", () => {
    expect(timing({ delay_ms: 100, duration_ms: 300 }, 200, 3, true)).toEqual({ duration: 0, delay: 0, fill: "none" });
  });

  it("reads animate events as emphasis, enter or exit", () => {
    expect(eventFrames("pulse")?.kind).toBe("emphasis");
    expect(eventFrames({ emphasis: "shake", duration_ms: 400 })?.timing.duration_ms).toBe(400);
    expect(eventFrames({ enter: "fade_in" })?.kind).toBe("enter");
    expect(eventFrames({ exit: "shrink" })?.kind).toBe("exit");
    expect(eventFrames(42)).toBeNull();
  });
});

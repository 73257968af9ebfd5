import { describe, expect, it } from "vitest";
import { exitFrames } from "./animate";
import { effectiveAnimate, exitTiming, interpolate, sameValue, sceneTransitionCss, sceneTransitions, splitTransform, transitionCss } from "./motion";

describe("effectiveAnimate", () => {
  it("starts from the component type's defaults and lets the element override them", () => {
    expect(effectiveAnimate("progress-bar", undefined)).toEqual({ transition: ["size"], duration_ms: 300, easing: "ease_out" });
    expect(effectiveAnimate("progress-bar", { duration_ms: 900, easing: "bounce" })).toEqual({ transition: ["size"], duration_ms: 900, easing: "bounce" });
    expect(effectiveAnimate("progress-bar", { transition: "none" })?.transition).toBe("none");
    expect(effectiveAnimate("toast", { exit: "slide_out", to: "right" })).toEqual({ exit: "slide_out", to: "right" });
  });

  it("is null for a type without defaults and no block, and ignores junk", () => {
    expect(effectiveAnimate("text", undefined)).toBeNull();
    expect(effectiveAnimate("text", { exit: 3, duration_ms: "x", transition: [1, "opacity"] })).toEqual({ transition: ["opacity"] });
  });
});

describe("transitions", () => {
  it("turns node transition names into a CSS transition with timing and stagger", () => {
    expect(transitionCss({ transition: ["opacity", "size"], duration_ms: 400, easing: "linear", delay_ms: 10, stagger_ms: 5 }, 2)).toBe(
      "opacity 400ms linear 20ms, width 400ms linear 20ms, height 400ms linear 20ms, max-height 400ms linear 20ms, flex-basis 400ms linear 20ms",
    );
    expect(transitionCss({ transition: "all", easing: "step" })).toBe("all 200ms steps(4, end) 0ms");
  });

  it("gives nothing for none, no transition or reduced motion", () => {
    expect(transitionCss({ transition: "none" })).toBeNull();
    expect(transitionCss({ exit: "fade_out" })).toBeNull();
    expect(transitionCss({ transition: "all" }, 0, true)).toBeNull();
  });

  it("expands scene groups to attributes; colors and opacity go through CSS", () => {
    expect([...sceneTransitions({ transition: ["position"] })].sort()).toEqual(["cx", "cy", "translate", "x", "x1", "x2", "y", "y1", "y2"]);
    expect(sceneTransitions({ transition: "all" }).has("fill")).toBe(true);
    expect(sceneTransitions({ transition: "none" }).size).toBe(0);
    expect(sceneTransitionCss({ transition: ["cx", "fill", "opacity"], duration_ms: 100, easing: "ease_in" })).toBe("fill 100ms cubic-bezier(0.4, 0, 1, 1) 0ms, opacity 100ms cubic-bezier(0.4, 0, 1, 1) 0ms");
    expect(sceneTransitionCss({ transition: ["cx"] })).toBeNull();
  });
});

describe("interpolate", () => {
  it("mixes numbers and number lists, overshooting with the easing", () => {
    expect(interpolate(100, 300, 0.5)).toBe(200);
    expect(interpolate(0, 10, 1.2)).toBe(12);
    expect(interpolate([0, 10], [10, 30], 0.25)).toEqual([2.5, 15]);
  });

  it("jumps for what it cannot mix", () => {
    expect(interpolate([1, 2], [1, 2, 3], 0.5)).toEqual([1, 2]);
  });

  it("compares values", () => {
    expect(sameValue([1, 2], [1, 2])).toBe(true);
    expect(sameValue(1, 2)).toBe(false);
  });
});

describe("exits", () => {
  it("hold their last frame and take the element's timing", () => {
    expect(exitTiming({ duration_ms: 500, delay_ms: 20, stagger_ms: 10, easing: "linear" }, 3)).toEqual({ duration: 500, delay: 50, easing: "linear", fill: "forwards" });
    expect(exitTiming({}).duration).toBe(180);
  });

  it("split transform keyframes from the rest so SVG transforms can be composited", () => {
    const { transform, rest } = splitTransform(exitFrames("collapse"));
    expect(transform).toEqual([{ transform: "scaleY(1)" }, { transform: "scaleY(0)" }]);
    expect(rest).toEqual([{ opacity: 1 }, { opacity: 0 }]);
    expect(splitTransform(exitFrames("fade_out")).transform).toEqual([]);
    expect(splitTransform(exitFrames("shrink")).rest).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { composite, contrastRatio, effectiveBackground, minimumContrast, parseColor, WHITE } from "./color";

describe("parseColor", () => {
  it("reads the computed rgb and rgba forms", () => {
    expect(parseColor("rgb(12, 34, 56)")).toEqual({ r: 12, g: 34, b: 56, a: 1 });
    expect(parseColor("rgba(255, 0, 0, 0.5)")).toEqual({ r: 255, g: 0, b: 0, a: 0.5 });
    expect(parseColor("rgb(10 20 30 / 25%)")).toEqual({ r: 10, g: 20, b: 30, a: 0.25 });
    expect(parseColor("rgba(0, 0, 0, 0)")?.a).toBe(0);
  });

  it("reads transparent, hex and color(srgb)", () => {
    expect(parseColor("transparent")).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColor("#fff")).toEqual(WHITE);
    expect(parseColor("#11223380")).toEqual({ r: 0x11, g: 0x22, b: 0x33, a: 128 / 255 });
    expect(parseColor("color(srgb 1 0.5 0 / 0.5)")).toEqual({ r: 255, g: 127.5, b: 0, a: 0.5 });
  });

  it("returns null for what it cannot read", () => {
    expect(parseColor("oklch(0.5 0.1 20)")).toBeNull();
    expect(parseColor("#12")).toBeNull();
    expect(parseColor("rgb(1, 2)")).toBeNull();
    expect(parseColor("rgb(a, b, c)")).toBeNull();
  });
});

describe("contrast", () => {
  it("is 21 for black on white and 1 for equal colours", () => {
    expect(contrastRatio({ r: 0, g: 0, b: 0, a: 1 }, WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
  });

  it("matches the WCAG figure for #777 on white (4.48, just under AA)", () => {
    const ratio = contrastRatio(parseColor("#777")!, WHITE);
    expect(ratio).toBeGreaterThan(4.47);
    expect(ratio).toBeLessThan(4.5);
  });

  it("blends translucent text over its background first", () => {
    const half = contrastRatio({ r: 0, g: 0, b: 0, a: 0.5 }, WHITE);
    expect(half).toBeGreaterThan(3);
    expect(half).toBeLessThan(5);
  });

  it("asks 3:1 of large text and 4.5:1 of normal text", () => {
    expect(minimumContrast(16, 400)).toBe(4.5);
    expect(minimumContrast(24, 400)).toBe(3);
    expect(minimumContrast(19, 700)).toBe(3);
    expect(minimumContrast(19, 400)).toBe(4.5);
  });
});

describe("effectiveBackground", () => {
  it("stops at the nearest opaque layer", () => {
    const bg = effectiveBackground([{ r: 0, g: 0, b: 0, a: 0 }, { r: 10, g: 20, b: 30, a: 1 }, WHITE]);
    expect(bg).toEqual({ r: 10, g: 20, b: 30, a: 1 });
  });

  it("composites translucent layers over the first opaque one", () => {
    const bg = effectiveBackground([{ r: 0, g: 0, b: 0, a: 0.5 }, { r: 200, g: 200, b: 200, a: 1 }]);
    expect(bg).toEqual({ r: 100, g: 100, b: 100, a: 1 });
  });

  it("falls back to white when no layer is opaque", () => {
    expect(effectiveBackground([])).toEqual(WHITE);
    expect(effectiveBackground([{ r: 0, g: 0, b: 0, a: 0 }])).toEqual(WHITE);
    expect(effectiveBackground([{ r: 0, g: 0, b: 0, a: 0.5 }])).toEqual(composite({ r: 0, g: 0, b: 0, a: 0.5 }, WHITE));
  });
});

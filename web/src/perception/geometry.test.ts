import { describe, expect, it } from "vitest";
import { area, contains, cropBox, intersect, offPage, roundRect, zConflicts } from "./geometry";

const r = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe("rects", () => {
  it("intersects overlapping rects and not touching ones", () => {
    expect(intersect(r(0, 0, 10, 10), r(5, 5, 10, 10))).toEqual(r(5, 5, 5, 5));
    expect(intersect(r(0, 0, 10, 10), r(10, 0, 5, 5))).toBeNull();
    expect(intersect(r(0, 0, 10, 10), r(20, 20, 5, 5))).toBeNull();
  });

  it("measures area, containment and rounding", () => {
    expect(area(r(0, 0, 3, 4))).toBe(12);
    expect(area(r(0, 0, -3, 4))).toBe(0);
    expect(contains(r(0, 0, 100, 100), r(10, 10, 20, 20))).toBe(true);
    expect(contains(r(0, 0, 100, 100), r(90, 10, 20, 20))).toBe(false);
    expect(roundRect(r(1.234, 5.678, 9.99, 0.04))).toEqual(r(1.2, 5.7, 10, 0));
  });

  it("tells rects outside the page from those partly on it", () => {
    const page = { width: 1000, height: 800 };
    expect(offPage(r(-50, 10, 40, 10), page)).toBe(true);
    expect(offPage(r(10, 900, 40, 10), page)).toBe(true);
    expect(offPage(r(-20, 10, 40, 10), page)).toBe(false);
  });

  it("crops a page rect out of an image of an element, scaled and clamped", () => {
    expect(cropBox(r(110, 220, 50, 40), { x: 100, y: 200 }, 2, { width: 400, height: 400 })).toEqual(r(20, 40, 100, 80));
    expect(cropBox(r(90, 190, 50, 40), { x: 100, y: 200 }, 1, { width: 30, height: 25 })).toEqual(r(0, 0, 30, 25));
    expect(cropBox(r(0, 0, 10, 10), { x: 100, y: 200 }, 1, { width: 30, height: 25 })).toBeNull();
  });
});

describe("zConflicts", () => {
  it("reports overlapping positioned siblings with the same explicit z-index", () => {
    const layers = [
      { z: "2", position: "absolute", rect: r(0, 0, 50, 50) },
      { z: "2", position: "relative", rect: r(25, 25, 50, 50) },
      { z: "3", position: "absolute", rect: r(0, 0, 50, 50) },
      { z: "2", position: "absolute", rect: r(500, 500, 10, 10) },
    ];
    expect(zConflicts(layers)).toEqual([[0, 1]]);
  });

  it("ignores static elements and auto z-index", () => {
    expect(zConflicts([{ z: "1", position: "static", rect: r(0, 0, 5, 5) }, { z: "1", position: "static", rect: r(0, 0, 5, 5) }])).toEqual([]);
    expect(zConflicts([{ z: "auto", position: "absolute", rect: r(0, 0, 5, 5) }, { z: "auto", position: "absolute", rect: r(0, 0, 5, 5) }])).toEqual([]);
  });
});

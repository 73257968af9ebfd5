import { describe, expect, it } from "vitest";
import { compareCells, sortOrder, visibleWindow } from "./table-logic";

describe("table logic", () => {
  it("sorts numbers numerically, text naturally, nulls last, stably", () => {
    const cells = [10, 2, null, 2, "x"];
    expect(sortOrder(cells.length, (i) => cells[i], "asc")).toEqual([1, 3, 0, 4, 2]);
    const names = ["row 10", "row 9", "Row 1"];
    expect(sortOrder(3, (i) => names[i], "asc").map((i) => names[i])).toEqual(["Row 1", "row 9", "row 10"]);
    expect(compareCells(null, 1)).toBeGreaterThan(0);
  });

  it("sorts 10,000 rows descending", () => {
    const order = sortOrder(10_000, (i) => i % 100, "desc");
    expect(order[0]).toBe(99);
    expect(order[9_999]).toBe(9_900);
  });

  it("renders only the rows in view plus overscan", () => {
    expect(visibleWindow(0, 480, 32, 10_000)).toEqual({ start: 0, end: 21 });
    expect(visibleWindow(32 * 5000, 480, 32, 10_000)).toEqual({ start: 4994, end: 5021 });
    expect(visibleWindow(32 * 9990, 480, 32, 10_000)).toEqual({ start: 9984, end: 10_000 });
    expect(visibleWindow(0, 480, 32, 0)).toEqual({ start: 0, end: 0 });
  });
});

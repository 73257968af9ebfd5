import { describe, expect, it } from "vitest";
import { uniqueKeys } from "./keyed";

// createKeyed itself is reactive (Solid's browser build); the browser tests cover it
// (sdui-motion: exits of list items and canvas elements removed by index patches).
describe("keyed lists", () => {
  it("makes keys unique: empty ones by position, repeated ones numbered", () => {
    expect(uniqueKeys(["a", "", "a", "b", "a", ""])).toEqual(["a", "#1", "a#1", "b", "a#2", "#5"]);
    expect(uniqueKeys([])).toEqual([]);
  });
});

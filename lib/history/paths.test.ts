import { describe, expect, it } from "vitest";
import { anyOverlap, overlaps, touchedPaths } from "./paths";

describe("patch paths", () => {
  it("lists the paths an RFC 6902 patch touches, ignoring tests", () => {
    expect(touchedPaths([{ op: "test", path: "/a" }, { op: "replace", path: "/nodes/0/x", value: 1 }, { op: "move", from: "/b", path: "/c" }])).toEqual(["/nodes/0/x", "/c", "/b"]);
  });

  it("treats a path and anything inside it as overlapping, siblings and prefixes of names as not", () => {
    expect(overlaps("/nodes", "/nodes/3/x")).toBe(true);
    expect(overlaps("/nodes/3", "/nodes/3")).toBe(true);
    expect(overlaps("", "/anything")).toBe(true);
    expect(overlaps("/nodes/3", "/nodes/30")).toBe(false);
    expect(overlaps("/node", "/nodes")).toBe(false);
    expect(anyOverlap(["/a/1"], ["/b", "/a"])).toBe(true);
    expect(anyOverlap(["/a/1"], ["/a/2"])).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { delPaths, getPath, indexValue, setPath } from "./paths";
import { jq, jqError } from "./test-helpers";

describe("paths", () => {
  it("indexes with negative indices, slices and nulls", () => {
    expect(indexValue([1, 2, 3], -1)).toBe(3);
    expect(indexValue(null, "a")).toBeNull();
    expect(indexValue([1, 2, 3], { start: 1, end: null })).toEqual([2, 3]);
  });

  it("gets, sets and deletes paths", () => {
    expect(getPath({ a: [1, 2] }, ["a", 1])).toBe(2);
    expect(setPath(null, ["a", 2], 1)).toEqual({ a: [null, null, 1] });
    expect(delPaths([0, 1, 2, 3, 4], [[1], [-1], [{ start: 2, end: 3 }]])).toEqual([0, 3]);
  });

  it("sets deep paths without using the JS stack", () => {
    const deep = setPath(null, new Array(9000).fill(0), 1);
    expect(getPath(deep, new Array(9000).fill(0))).toBe(1);
  });

  it("computes path expressions", () => {
    expect(jq("[path(..)]", { a: [1] })).toEqual([[[], ["a"], ["a", 0]]]);
    expect(jq("path(.a[].b)", { a: [{ b: 1 }] })).toEqual([["a", 0, "b"]]);
    expect(jq("[paths(type == \"number\")]", { a: 1, b: [2] })).toEqual([[["a"], ["b", 0]]]);
  });

  it("rejects non-path expressions in path context", () => {
    expect(jqError("path(1)")?.message).toBe("Invalid path expression with result 1");
    expect(jqError("path(tojson | .a)")?.message).toMatch(/Invalid path expression near attempt to access element "a"/);
  });

  it("deletes with del and to_entries round trips", () => {
    expect(jq("del(.a, .b[0])", { a: 1, b: [1, 2], c: 3 })).toEqual([{ b: [2], c: 3 }]);
    expect(jq("with_entries(.value += 1)", { a: 1 })).toEqual([{ a: 2 }]);
  });
});

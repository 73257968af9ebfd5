import { describe, expect, it } from "vitest";
import { jq, jqError } from "../test-helpers";

describe("core builtins", () => {
  it("measures length of every type", () => {
    expect(jq("[.[] | length]", [null, -3, "μx", [1], { a: 1 }])).toEqual([[0, 3, 2, 1, 1]]);
    expect(jqError("true | length")?.message).toBe("boolean (true) has no length");
  });

  it("sorts, groups and deduplicates by jq order", () => {
    expect(jq("sort_by(.a)", [{ a: 2 }, { a: 1 }])).toEqual([[{ a: 1 }, { a: 2 }]]);
    expect(jq("group_by(. % 2)", [1, 2, 3])).toEqual([[[2], [1, 3]]]);
    expect(jq("unique_by(length)", ["a", "bb", "c"])).toEqual([["a", "bb"]]);
    expect(jq("[min_by(.x), max_by(.x)]", [{ x: 1 }, { x: 3 }])).toEqual([[{ x: 1 }, { x: 3 }]]);
  });

  it("adds arrays, strings, objects and generators", () => {
    expect(jq("add", [[1], [2, 3]])).toEqual([[1, 2, 3]]);
    expect(jq("add", ["a", "b"])).toEqual(["ab"]);
    expect(jq("add(.[].n)", [{ n: 1 }, { n: 2 }])).toEqual([3]);
  });

  it("generates ranges, limits and firsts lazily", () => {
    expect(jq("[range(0; 10; 3)]")).toEqual([[0, 3, 6, 9]]);
    expect(jq("[limit(3; repeat(. * 2))]", 1)).toEqual([[1, 2, 4]]);
    expect(jq("first(range(10; 0; -1))")).toEqual([10]);
    expect(jq("[.[] | until(. > 100; . * 2)]", [1, 3])).toEqual([[128, 192]]);
    expect(jq("[while(. < 8; . * 2)]", 1)).toEqual([[1, 2, 4]]);
  });

  it("handles has, in, contains, inside", () => {
    expect(jq('[has("a"), (["a"] | inside(["a","b"])), contains({a: 1})]', { a: 1 })).toEqual([[true, true, true]]);
    expect(jq('"a" | in({"a": 1})')).toEqual([true]);
  });

  it("converts entries and flattens", () => {
    expect(jq("to_entries", { a: 1 })).toEqual([[{ key: "a", value: 1 }]]);
    expect(jq("from_entries", [{ name: "x", v: 2 }])).toEqual([{ x: 2 }]);
    expect(jq("flatten(1)", [1, [2, [3]]])).toEqual([[1, 2, [3]]]);
  });

  it("walks, picks and streams", () => {
    expect(jq("walk(if type == \"number\" then . + 1 else . end)", { a: [1, { b: 2 }] })).toEqual([{ a: [2, { b: 3 }] }]);
    expect(jq("pick(.a.b)", { a: { b: 1, c: 2 }, d: 3 })).toEqual([{ a: { b: 1 } }]);
    expect(jq("[tostream] | fromstream(.[])", { a: [1, 2] })).toEqual([{ a: [1, 2] }]);
  });

  it("provides type selectors usable in paths", () => {
    expect(jq("[.. | numbers]", { a: 1, b: ["x", 2] })).toEqual([[1, 2]]);
    expect(jq("[path(.. | strings)]", { a: "x" })).toEqual([[["a"]]]);
  });

  it("has no environment and an empty debug", () => {
    expect(jq("$ENV, env, (1 | debug)")).toEqual([{}, {}, 1]);
  });
});

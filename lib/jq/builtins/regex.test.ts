import { describe, expect, it } from "vitest";
import { compile, runAll } from "../index";
import { jq } from "../test-helpers";

describe("regex builtins", () => {
  it("tests and matches with offsets in code points", () => {
    expect(jq('test("b+")', "abbc")).toEqual([true]);
    expect(jq('match("b+") | [.offset, .length, .string]', "😀abbc")).toEqual([[2, 2, "bb"]]);
  });

  it("captures named groups and reports unmatched ones", () => {
    expect(jq('capture("(?<y>\\\\d+)-(?<m>\\\\d+)")', "2024-05")).toEqual([{ y: "2024", m: "05" }]);
    expect(jq('match("(a)|(b)") | .captures | map(.offset)', "b")).toEqual([[-1, 0]]);
  });

  it("scans, splits and substitutes globally", () => {
    expect(jq('[scan("\\\\w+")]', "a bb c")).toEqual([["a", "bb", "c"]]);
    expect(jq('split(", *"; null)', "a, b,c")).toEqual([["a", "b", "c"]]);
    expect(jq('gsub("(?<d>\\\\d)"; "<\\(.d)>")', "a1b2")).toEqual(["a<1>b<2>"]);
    expect(jq('[sub("a"; "x", "y")]', "aa")).toEqual([["xa", "ya"]]);
  });

  it("supports flags i, x, g and n", () => {
    expect(jq('[match("A"; "gi").offset]', "aXa")).toEqual([[0, 2]]);
    expect(jq('test("a b"; "x")', "ab")).toEqual([true]);
    expect(jq('[match("x*"; "gn")] | length', "axxb")).toEqual([1]);
  });

  it("stops catastrophic patterns with the step budget", () => {
    const c = compile('test("(a*)*b")');
    if (!c.ok) throw new Error("compile");
    const r = runAll(c.query, "a".repeat(5000) + "c", { steps: 200_000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("budget_exceeded");
  });
});

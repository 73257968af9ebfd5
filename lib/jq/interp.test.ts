import { describe, expect, it } from "vitest";
import { jq, jqError } from "./test-helpers";

describe("evaluator", () => {
  it("iterates, pipes and collects", () => {
    expect(jq("[.[] | . * 2]", [1, 2, 3])).toEqual([[2, 4, 6]]);
    expect(jq(".a, .b", { a: 1, b: 2 })).toEqual([1, 2]);
  });

  it("produces cartesian products for binary operators, right operand outermost", () => {
    expect(jq("[(1,2) + (10,20)]")).toEqual([[11, 12, 21, 22]]);
  });

  it("short-circuits and/or", () => {
    expect(jq("false and error, true or error")).toEqual([false, true]);
  });

  it("suppresses errors on the left of //", () => {
    expect(jq("(error(1)) // 2")).toEqual([2]);
    expect(jq(".[] // 9", [null, false])).toEqual([9]);
  });

  it("catches errors with try and keeps errors raised after the try", () => {
    expect(jq("try error({a:1}) catch .a")).toEqual([1]);
    expect(jq("[.[] | try (if . == 2 then error else . end)]", [1, 2, 3])).toEqual([[1, 3]]);
    expect(jqError('"x" | try ((try . catch "no") | error) catch "yes"')).toBeNull();
  });

  it("binds variables and destructures", () => {
    expect(jq(". as [$a, {b: $c}] | [$a, $c]", [1, { b: 2 }])).toEqual([[1, 2]]);
    expect(jq(". as {$a, $b: [$c]} | [$a, $b, $c]", { a: 1, b: [3] })).toEqual([[1, [3], 3]]);
  });

  it("tries ?// alternatives in order and binds every variable", () => {
    expect(jq(".[] as [$a] ?// $a | $a", [[1], 2])).toEqual([1, 2]);
    expect(jq(". as [$a] ?// {a: $b} | [$a, $b]", { a: 5 })).toEqual([[null, 5]]);
  });

  it("runs reduce and foreach with multiple inits", () => {
    expect(jq("reduce .[] as $x (0; . + $x)", [1, 2, 3])).toEqual([6]);
    expect(jq("[foreach .[] as $x (0, 10; . + $x; [$x, .])]", [1, 2])).toEqual([[[1, 1], [2, 3], [1, 11], [2, 13]]]);
  });

  it("supports closures, recursion and shadowing", () => {
    expect(jq("def f(g): [g, g]; f(.+1)", 1)).toEqual([[2, 2]]);
    expect(jq("def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; fac", 10)).toEqual([3628800]);
    expect(jq("def f: 1; def g: f; def f: 2; [f, g]")).toEqual([[2, 1]]);
  });

  it("breaks out of labels", () => {
    expect(jq("[label $out | .[] | if . > 2 then break $out else . end]", [1, 2, 3, 4])).toEqual([[1, 2]]);
  });

  it("assigns with =, |= and arithmetic updates", () => {
    expect(jq(".a = 1 | .b |= . + 1 | .c += 2", { b: 1 })).toEqual([{ a: 1, b: 2, c: 2 }]);
    expect(jq(".[] |= select(. > 1)", [1, 2, 3])).toEqual([[2, 3]]);
    expect(jq(".a //= 3", {})).toEqual([{ a: 3 }]);
  });

  it("mutates reduce accumulators without touching the input", () => {
    const input = { n: [{ k: "a" }, { k: "b" }, { k: "a" }], seed: { z: 0 } };
    expect(jq("reduce .n[] as $x (.seed; .[$x.k] += 1) | [., $__loc__.line]", input)).toEqual([[{ z: 0, a: 2, b: 1 }, 1]]);
    expect(jq("[reduce .n[] as $x (.seed; .[$x.k] += 1), .seed]", input)).toEqual([[{ z: 0, a: 2, b: 1 }, { z: 0 }]]);
    expect(jq("reduce range(3) as $i ([]; . + [$i])")).toEqual([[0, 1, 2]]);
  });

  it("interpolates and formats strings", () => {
    expect(jq('"a\\(1 + 1)b"')).toEqual(["a2b"]);
    expect(jq('@base64 "x\\(.)y"', "hi")).toEqual(["xaGk=y"]);
  });

  it("reports runtime errors in jq's words", () => {
    expect(jqError(".a", 1)?.message).toBe('Cannot index number with string ("a")');
    expect(jqError("{} - 1")?.message).toBe("object ({}) and number (1) cannot be subtracted");
    expect(jqError(".[]", 5)?.message).toBe("Cannot iterate over number (5)");
  });
});

import { describe, expect, it } from "vitest";
import { binop } from "./ops";
import { compare, dump, dumpTrunc, equals, formatNumber } from "./values";

describe("values", () => {
  it("orders values as jq does", () => {
    const xs = [{}, [], "a", 1, true, false, null];
    expect(xs.slice().sort(compare)).toEqual([null, false, true, 1, "a", [], {}]);
    expect(compare({ a: 1 }, { b: 0 })).toBeLessThan(0);
    expect(compare([1, 2], [1, 2, 0])).toBeLessThan(0);
  });

  it("compares objects regardless of key order", () => {
    expect(equals({ a: 1, b: [1] }, { b: [1], a: 1 })).toBe(true);
  });

  it("formats numbers like jq", () => {
    expect(formatNumber(1e17)).toBe("100000000000000000");
    expect(formatNumber(1e-5)).toBe("1e-05");
    expect(formatNumber(Infinity)).toBe("1.7976931348623157e+308");
    expect(dump({ a: [1, "x", null, NaN] })).toBe('{"a":[1,"x",null,null]}');
  });

  it("truncates long dumps in error messages", () => {
    expect(dumpTrunc("very-long-long-long-long-string")).toBe('"very-long-long-long-long..."');
  });

  it("implements arithmetic with jq semantics", () => {
    expect(binop("+", null, 1)).toBe(1);
    expect(binop("-", [1, 2, 1], [1])).toEqual([2]);
    expect(binop("*", { a: { b: 1 } }, { a: { c: 2 } })).toEqual({ a: { b: 1, c: 2 } });
    expect(binop("/", "a,b", ",")).toEqual(["a", "b"]);
    expect(binop("%", -5, 3)).toBe(-2);
    expect(binop("*", "ab", 2.5)).toBe("abab");
    expect(() => binop("/", 1, 0)).toThrow(/divisor is zero/);
  });

  it("dumps deep values iteratively", () => {
    let v: unknown = [];
    for (let i = 0; i < 20000; i++) v = [v];
    expect(dump(v as never)).toContain("<skipped: too deep>");
  });
});

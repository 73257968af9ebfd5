import { describe, expect, it } from "vitest";
import { formatE, formatF, formatFloat, parseFloatLiteral } from "./float.ts";

describe("float formatting", () => {
  it("formats like Go's %g with shortest digits and a forced '.0'", () => {
    const cases: [number, string][] = [
      [0, "0.0"], [-0, "-0.0"], [1, "1.0"], [0.1, "0.1"], [100000, "100000.0"], [1e6, "1e+06"],
      [1.5e-5, "1.5e-05"], [0.0001, "0.0001"], [1.23e45, "1.23e+45"], [-1.5e300, "-1.5e+300"],
      [123456.789, "123456.789"], [1 / 3, "0.3333333333333333"], [Infinity, "+inf"], [-Infinity, "-inf"], [NaN, "nan"],
    ];
    for (const [f, s] of cases) expect(formatFloat(f)).toBe(s);
  });

  it("formats %e and %f with six digits", () => {
    expect(formatE(1234.5)).toBe("1.234500e+03");
    expect(formatE(-1.23e-45)).toBe("-1.230000e-45");
    expect(formatF(1.23e45)).toBe("1229999999999999973814869011019624571608236032.000000");
    expect(formatF(-0)).toBe("-0.000000");
  });

  it("parses float literals as float() does", () => {
    expect(parseFloatLiteral("1e3")).toBe(1000);
    expect(parseFloatLiteral("-InFiNiTy")).toBe(-Infinity);
    expect(Number.isNaN(parseFloatLiteral("nan"))).toBe(true);
    expect(() => parseFloatLiteral("1.2.3")).toThrow(/invalid float literal/);
    expect(() => parseFloatLiteral("1e1000")).toThrow(/too large/);
  });
});

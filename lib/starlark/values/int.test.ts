import { describe, expect, it } from "vitest";
import * as I from "./int.ts";

describe("int arithmetic", () => {
  it("stays in JS numbers while safe and switches to bigint beyond", () => {
    expect(I.add(9007199254740991, 0)).toBe(9007199254740991);
    expect(I.add(9007199254740991, 1)).toBe(9007199254740992n);
    expect(I.sub(9007199254740992n, 1)).toBe(9007199254740991);
    expect(I.mul(2 ** 30, 2 ** 30)).toBe(1152921504606846976n);
  });

  it("floors division and modulo toward negative infinity", () => {
    expect([I.floordiv(-7, 2), I.mod(-7, 2), I.floordiv(7, -2), I.mod(7, -2)]).toEqual([-4, 1, -4, -1]);
    expect(I.floordiv(-(2n ** 70n), 3)).toBe(-393530540239137101142n);
    expect(() => I.floordiv(1, 0)).toThrow(/division by zero/);
  });

  it("shifts and complements", () => {
    expect(I.shift(1, 70, true)).toBe(2n ** 70n);
    expect(I.shift(-1, 600, false)).toBe(-1);
    expect(() => I.shift(1, -1, true)).toThrow(/negative shift count/);
    expect(I.bitnot(0)).toBe(-1);
  });

  it("compares ints with floats exactly", () => {
    expect(I.cmpIntFloat(2n ** 60n + 1n, 2 ** 60)).toBe(1);
    expect(I.cmpIntFloat(3, 3.5)).toBe(-1);
    expect(I.cmpIntFloat(3, NaN)).toBe(-1);
  });

  it("parses literals with bases and prefixes", () => {
    expect(I.parseIntLiteral("0x1f", 0)).toBe(31);
    expect(I.parseIntLiteral("-0b101", 2)).toBe(-5);
    expect(I.parseIntLiteral("0123", 0)).toBe(null);
    expect(I.parseIntLiteral("z", 36)).toBe(35);
  });
});

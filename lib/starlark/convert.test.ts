import { describe, expect, it } from "vitest";
import { fromStarlark, toStarlark } from "./convert.ts";
import { exec } from "./test-helpers.ts";
import type { StarlarkError } from "./errors.ts";

function unconvertible(f: () => unknown): StarlarkError {
  try {
    f();
  } catch (e) {
    return e as StarlarkError;
  }
  throw new Error("converted");
}

describe("JSON conversion", () => {
  it("round-trips JSON values", () => {
    const v = { a: [1, 2.5, "é", null, true], b: { c: -3 }, big: 2 ** 60 };
    expect(JSON.parse(JSON.stringify(fromStarlark(toStarlark(v))))).toEqual(v);
  });

  it("maps integral numbers to ints and others to floats", () => {
    const r = exec("def t(x): return [type(v) for v in x]");
    if (!r.ok) throw r.error;
    expect(toStarlark(3)).toBe(3);
    expect(toStarlark(3.5)).toMatchObject({ v: 3.5 });
  });

  it("rejects what JSON cannot hold, with a clear error", () => {
    expect(unconvertible(() => toStarlark(NaN))).toMatchObject({ code: "unconvertible" });
    expect(unconvertible(() => toStarlark({ f: () => 1 })).message).toMatch(/\.f: cannot convert function/);
    expect(unconvertible(() => toStarlark(new Date())).message).toMatch(/cannot convert Date/);
    const cyc: unknown[] = [];
    cyc.push(cyc);
    expect(unconvertible(() => toStarlark(cyc)).message).toMatch(/cycle/);
    const r = exec("s = set([1])\nf = len\nn = float('nan')\nd = {1: 2}\nb = 1 << 80");
    if (!r.ok) throw r.error;
    for (const k of ["s", "f", "n", "d", "b"]) {
      expect(unconvertible(() => fromStarlark(r.value.get(k)!))).toMatchObject({ code: "unconvertible" });
    }
  });
});

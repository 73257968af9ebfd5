import { describe, expect, it } from "vitest";
import { compileSource } from "./program.ts";

const errors = (src: string, opts = {}): string[] => {
  const c = compileSource(src, "t.star", opts);
  return c.ok ? [] : c.errors.map((e) => `${e.pos?.line}: ${e.message}`);
};

describe("resolver", () => {
  it("reports undefined names with a suggestion", () => {
    expect(errors("x = lenn([])")).toEqual(["1: undefined: lenn"]);
    expect(errors("foo = 1\ny = fooo")).toEqual(["2: undefined: fooo (did you mean foo?)"]);
  });

  it("reports misplaced break, continue and return", () => {
    expect(errors("break")).toEqual(["1: break not in a loop"]);
    expect(errors("def f():\n  continue")).toEqual(["2: continue not in a loop"]);
    expect(errors("return 1")).toEqual(["1: return statement not within a function"]);
  });

  it("reports duplicate parameters and bad parameter order", () => {
    expect(errors("def f(a, a): pass")).toEqual(["1: duplicate parameter: a"]);
    expect(errors("def f(a=1, b): pass")).toEqual(["1: required parameter may not follow optional"]);
    expect(errors("def f(*): pass")[0]).toMatch(/bare \* must be followed by keyword-only parameters/);
  });

  it("reports repeated keyword arguments and bad assignments", () => {
    expect(errors("f = len\nf(a=1, a=2)")).toEqual(["2: keyword argument a repeated"]);
    expect(errors("1 = 2")[0]).toMatch(/cannot assign to literal/);
  });

  it("forbids rebinding globals unless globalreassign is on", () => {
    expect(errors("x = 1\nx = 2")[0]).toMatch(/cannot reassign global x/);
    expect(errors("x = 1\nx = 2", { globalreassign: true })).toEqual([]);
  });

  it("collects several errors in one pass", () => {
    expect(errors("a = b\nc = d")).toHaveLength(2);
  });

  it("resolves names used before their global definition", () => {
    expect(errors("def f(): return g()\ndef g(): return 1")).toEqual([]);
  });

  it("knows predeclared host names", () => {
    expect(errors("x = host_fn()", { predeclared: new Map([["host_fn", null]]) })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { compile } from "./index";

const errs = (src: string): string[] => {
  const c = compile(src);
  return c.ok ? [] : c.errors.map((e) => String(e.value));
};

describe("checker", () => {
  it("reports undefined variables with their position", () => {
    const c = compile(". as $foo | [$foo, $bar]");
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.errors[0]!.value).toBe("$bar is not defined");
      expect(c.errors[0]!.pos).toEqual({ line: 1, col: 20 });
      expect(c.errors[0]!.code).toBe("compile");
    }
  });

  it("reports undefined functions by name and arity", () => {
    expect(errs("foo(1)")).toEqual(["foo/1 is not defined"]);
    expect(errs("def foo(f): f; foo(1)")).toEqual([]);
  });

  it("reports undefined labels", () => {
    expect(errs(". as $foo | break $foo")).toEqual(["$*label-foo is not defined"]);
  });

  it("rejects constant non-string object keys", () => {
    expect(errs("{(0):1}")).toEqual(["Cannot use number (0) as object key"]);
    expect(errs(". as {(true):$foo} | $foo")).toEqual(["Cannot use boolean (true) as object key"]);
  });

  it("scopes function parameters and $-parameters", () => {
    expect(errs("def f($a; b): $a + b + a; f(1; 2)")).toEqual([]);
    expect(errs("def f: $a; 1 as $a | f")).toEqual(["$a is not defined"]);
  });

  it("knows the globals $ENV and $__loc__", () => {
    expect(errs("$ENV, $__loc__")).toEqual([]);
  });
});

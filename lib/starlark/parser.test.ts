import { describe, expect, it } from "vitest";
import type { Expr, Stmt } from "./ast.ts";
import { parse } from "./parser.ts";

const stmts = (src: string): Stmt[] => parse(src, "t.star").stmts;
const expr = (src: string): Expr => (stmts(`_ = ${src}`)[0] as Stmt & { t: "assign" }).rhs;
const fails = (src: string): string => {
  try {
    parse(src, "t.star");
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("parsed");
};

describe("parser", () => {
  it("respects operator precedence", () => {
    const e = expr("1 + 2 * 3") as Expr & { t: "binary" };
    expect(e.op).toBe("+");
    expect((e.y as Expr & { t: "binary" }).op).toBe("*");
    const n = expr("not a == b") as Expr & { t: "unary" };
    expect(n.op).toBe("not");
  });

  it("binds unary minus tighter than binary operators and attribute access tighter than minus", () => {
    const e = expr("-x.y * 2") as Expr & { t: "binary" };
    expect(e.op).toBe("*");
    expect((e.x as Expr & { t: "unary" }).x.t).toBe("dot");
  });

  it("parses conditional expressions, lambdas and comprehensions", () => {
    expect(expr("a if b else c").t).toBe("cond");
    expect(expr("lambda x, *a, k=1, **kw: x").t).toBe("lambda");
    const c = expr("[x for x in y if x for z in x]") as Expr & { t: "comp" };
    expect(c.clauses.map((k) => k.t)).toEqual(["for", "if", "for"]);
    expect((expr("{k: v for k, v in d}") as Expr & { t: "comp" }).kind).toBe("dict");
  });

  it("parses slices and unparenthesized tuple indices", () => {
    expect(expr("x[1:2:3]").t).toBe("slice");
    expect(expr("x[::]").t).toBe("slice");
    expect((expr("x[1, 2]") as Expr & { t: "index" }).y.t).toBe("tuple");
  });

  it("parses def, if/elif/else, for, while and load", () => {
    const s = stmts('load("m", "a", b="c")\ndef f(a, b=1, *args, c, **kw):\n  if a:\n    pass\n  elif b:\n    return 1\n  else:\n    for x in y: continue\n  while 1: break\n');
    expect(s.map((x) => x.t)).toEqual(["load", "def"]);
    const load = s[0] as Stmt & { t: "load" };
    expect(load.names).toMatchObject([{ local: "a", orig: "a" }, { local: "b", orig: "c" }]);
  });

  it("reports errors in starlark-go's words with positions", () => {
    expect(fails("x = 1 +\n")).toMatch(/got newline, want primary expression/);
    expect(fails("def f : pass")).toMatch(/got ':', want '\('/);
    expect(fails("_ = 0 == 1 == 2")).toMatch(/== does not associate with ==/);
    expect(fails("a, b, = 1, 2")).toMatch(/unparenthesized tuple with trailing comma/);
    expect(fails("f(1+2 = 3)")).toMatch(/keyword argument must have form name=expr/);
    expect(fails("_ = a if b")).toMatch(/conditional expression without else clause/);
    expect(fails("load = 1")).toMatch(/got '=', want '\('/);
    try {
      parse("x = 1\ny = (\n", "f.star");
    } catch (e) {
      expect((e as { pos: unknown }).pos).toMatchObject({ file: "f.star", line: 3 });
    }
  });

  it("limits expression nesting instead of overflowing the stack", () => {
    expect(fails("x = " + "(".repeat(2000) + "1" + ")".repeat(2000))).toMatch(/nesting too deep/);
  });
});

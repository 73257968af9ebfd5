import { describe, expect, it } from "vitest";
import type { Node } from "./ast";
import { parse } from "./parser";

function shape(n: Node): unknown {
  switch (n.kind) {
    case "identity": return ".";
    case "literal": return n.value;
    case "index": return ["index", shape(n.target), shape(n.index)];
    case "pipe": case "comma": case "alt": case "and": case "or": return [n.kind, shape(n.left), shape(n.right)];
    case "binop": return [n.op, shape(n.left), shape(n.right)];
    case "neg": return ["neg", shape(n.operand)];
    case "as": return ["as", shape(n.source), n.patterns.length, shape(n.body)];
    case "call": return ["call", n.name, ...n.args.map(shape)];
    case "var": return "$" + n.name;
    case "try": return ["try", shape(n.body), n.handler ? shape(n.handler) : null];
    case "assign": return [n.op, shape(n.lhs), shape(n.rhs)];
    default: return n.kind;
  }
}

const p = (src: string): unknown => shape(parse(src));

describe("parser", () => {
  it("gives * precedence over + and + over comparison", () => {
    expect(p("1 + 2 * 3 < 4")).toEqual(["<", ["+", 1, ["*", 2, 3]], 4]);
  });

  it("makes pipe bind looser than comma, and comma looser than //", () => {
    expect(p("1, 2 // 3 | 4")).toEqual(["pipe", ["comma", 1, ["alt", 2, 3]], 4]);
  });

  it("binds `as` over the whole binary expression to its left", () => {
    expect(p("1 + 2 as $x | -$x")).toEqual(["as", ["+", 1, 2], 1, ["neg", "$x"]]);
  });

  it("parses postfix chains with optional markers", () => {
    expect(p(".a.b?")).toEqual(["try", ["index", ["index", ".", "a"], "b"], null]);
  });

  it("gives try a postfix-level body", () => {
    expect(p("try error(0) // 1")).toEqual(["alt", ["try", ["call", "error", 0], null], 1]);
  });

  it("parses assignment below `//`", () => {
    expect(p(".a = 1 // 2")).toEqual(["alt", ["=", ["index", ".", "a"], 1], 2]);
  });

  it("parses destructuring alternatives", () => {
    const n = parse(". as [$a] ?// {$a} | $a");
    expect(n.kind === "as" && n.patterns.map((x) => x.kind)).toEqual(["parray", "pobject"]);
  });

  it("records spans with line and column", () => {
    const n = parse("1 |\n  .foo");
    expect(n.kind === "pipe" && n.right.span.pos).toEqual({ line: 2, col: 3 });
  });

  it("reports jq-style syntax errors", () => {
    expect(() => parse("{")).toThrow(/syntax error, unexpected end of file/);
    expect(() => parse(". as [] | null")).toThrow(/unexpected '\]', expecting BINDING/);
    expect(() => parse("{1+2:3}")).toThrow(/May need parentheses around object key expression/);
  });

  it("accepts a program made only of definitions", () => {
    expect(parse("def f: 1;").kind).toBe("def");
  });

  it("rejects import with a clear message", () => {
    expect(() => parse('import "a" as a; .')).toThrow(/no module system/);
  });

  it("limits nesting depth instead of overflowing the stack", () => {
    expect(() => parse("[".repeat(5000) + "]".repeat(5000))).toThrow(/nested too deeply/);
  });
});

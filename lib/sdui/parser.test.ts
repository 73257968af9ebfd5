import { describe, expect, it } from "vitest";
import { parseExpression } from "./parser.ts";

describe("parseExpression", () => {
  it("builds an AST with offsets", () => {
    const r = parseExpression("state.nodes[0].id");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.expression.ast.kind).toBe("member");
      expect(r.expression.ast.loc).toEqual({ offset: 0, length: 17 });
    }
  });

  it.each([
    ["state.", 1, 7, "expected a field name"],
    ["1 +", 1, 4, "unexpected end"],
    ["(state.x", 1, 9, 'expected ")"'],
    ["state.x = 1", 1, 9, '"=="'],
    ["foo.bar", 1, 1, 'unknown name "foo"'],
    ["eval(1)", 1, 1, 'unknown function "eval()"'],
    ["len(1, 2)", 1, 1, "len() takes 1 argument"],
    ["if(true, 1)", 1, 1, "if() takes 3 arguments"],
    ["'abc", 1, 1, "unterminated string"],
    ["1 < 2 < 3", 1, 7, "cannot be chained"],
    ["state.x\n  + # 1", 2, 5, "unexpected character"],
    ["", 1, 1, "empty expression"],
    ["state.f(1)", 1, 8, "only the built-in functions"],
  ])("reports %j at %i:%i", (src, line, col, message) => {
    const r = parseExpression(src);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.span.line).toBe(line);
      expect(r.error.span.col).toBe(col);
      expect(r.error.message).toContain(message);
    }
  });

  it("rejects deeply nested parentheses with an error, not a crash", () => {
    const r = parseExpression(`${"(".repeat(5000)}1${")".repeat(5000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("too_long");
    const deep = parseExpression(`${"(".repeat(100)}1${")".repeat(100)}`);
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.error.code).toBe("too_deep");
    const notChain = parseExpression("not ".repeat(200) + "true");
    expect(notChain.ok).toBe(false);
  });

  it("rejects huge input with a too_long error", () => {
    const r = parseExpression("1+".repeat(50_000) + "1");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("too_long");
  });
});

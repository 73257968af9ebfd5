import { describe, expect, it } from "vitest";
import { lex } from "./lexer";

const kinds = (src: string): string[] => lex(src).map((t) => `${t.kind}:${t.text}`);

describe("lexer", () => {
  it("splits fields, variables, formats, keywords and operators", () => {
    expect(kinds(".foo | $x // @base64 and ?// |= ..")).toEqual([
      "field:foo", "op:|", "var:x", "op://", "format:base64", "kw:and", "op:?//", "op:|=", "op:..", "eof:",
    ]);
  });

  it("reads numbers including leading-dot and exponent forms", () => {
    const toks = lex("1 .5 1e3 2.5E-2");
    expect(toks.slice(0, 4).map((t) => t.num)).toEqual([1, 0.5, 1000, 0.025]);
  });

  it("keeps `.E-1` as a field followed by minus", () => {
    expect(kinds(".E-1")).toEqual(["field:E", "op:-", "num:1", "eof:"]);
  });

  it("decodes string escapes and nests interpolations as token lists", () => {
    const [s] = lex(String.raw`"a\n\u00e9\(1 + (2))b"`);
    expect(s!.kind).toBe("str");
    expect(s!.parts![0]).toBe("a\né");
    expect((s!.parts![1] as unknown[]).length).toBe(6);
    expect(s!.parts![2]).toBe("b");
  });

  it("reports invalid escapes with a position", () => {
    expect(() => lex(String.raw`"u\vw"`)).toThrow(/Invalid escape at line 1, column 3/);
  });

  it("skips comments and tracks lines", () => {
    const toks = lex("# comment\n  .a");
    expect(toks[0]!.span.pos).toEqual({ line: 2, col: 3 });
  });

  it("treats module-qualified names as one identifier", () => {
    expect(kinds("foo::bar")).toEqual(["ident:foo::bar", "eof:"]);
  });
});

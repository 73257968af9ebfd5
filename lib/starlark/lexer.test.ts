import { describe, expect, it } from "vitest";
import { tokenize } from "./lexer.ts";
import { encodeUtf8 } from "./values/utf8.ts";

const kinds = (src: string): string[] => tokenize(encodeUtf8(src), "t.star").map((t) => t.k);
const values = (src: string): unknown[] => tokenize(encodeUtf8(src), "t.star").filter((t) => t.v !== undefined).map((t) => t.v);

describe("lexer", () => {
  it("emits INDENT/OUTDENT around blocks and a final NEWLINE", () => {
    expect(kinds("if x:\n  y\nz")).toEqual(["if", "IDENT", ":", "NEWLINE", "INDENT", "IDENT", "NEWLINE", "OUTDENT", "IDENT", "NEWLINE", "EOF"]);
  });

  it("ignores blank lines, comments and newlines inside brackets", () => {
    expect(kinds("x = [1,\n  2]  # c\n\n# only comment\ny")).toEqual(["IDENT", "=", "[", "INT", ",", "INT", "]", "NEWLINE", "IDENT", "NEWLINE", "EOF"]);
  });

  it("treats a tab as advancing to the next multiple of 8 columns", () => {
    expect(kinds("if a:\n\tb\n        c\n")).not.toContain("INDENT INDENT");
    expect(() => tokenize("if a:\n\tb\n        c\n", "t")).not.toThrow();
  });

  it("rejects an unindent that matches no outer level", () => {
    expect(() => tokenize("if a:\n    b\n  c\n", "t")).toThrow(/unindent does not match any outer indentation level/);
  });

  it("joins lines ending with a backslash", () => {
    expect(kinds("x = 1 + \\\n  2\n")).toEqual(["IDENT", "=", "INT", "+", "INT", "NEWLINE", "EOF"]);
  });

  it("reads int literals in every base, big ints as bigint", () => {
    expect(values("0x1F 0o17 0b101 123 0")).toEqual([31, 15, 5, 123, 0]);
    expect(values("123456789012345678901234567890")).toEqual([123456789012345678901234567890n]);
    expect(() => tokenize("0123", "t")).toThrow(/octal/);
  });

  it("reads float literals", () => {
    expect(values("1.5 1. .5 1e3 1.5e-2")).toEqual([1.5, 1, 0.5, 1000, 0.015]);
    expect(kinds("1e3")[0]).toBe("FLOAT");
  });

  it("decodes string escapes to UTF-8 bytes", () => {
    expect(values(String.raw`"a\nb" 'c\x41' "\101" "\u00e9" r"\n" """x"y"""`)).toEqual(["a\nb", "cA", "A", "\xc3\xa9", "\\n", 'x"y']);
    expect(values('b"ab"')).toEqual(["ab"]);
    expect(kinds('b"ab"')[0]).toBe("BYTES");
  });

  it("rejects invalid escapes and newlines in short strings", () => {
    expect(() => tokenize(String.raw`"\x-0"`, "t")).toThrow(/invalid escape sequence/);
    expect(() => tokenize(String.raw`"\q"`, "t")).toThrow(/invalid escape sequence \\q/);
    expect(() => tokenize("'a\nb'", "t")).toThrow(/unexpected newline in string/);
  });

  it("reports unbalanced closing brackets", () => {
    expect(() => tokenize("f(1))", "t")).toThrow(/unexpected '\)'/);
  });

  it("records line and column of each token", () => {
    const t = tokenize("x\n  = 1", "t");
    expect(t[0]).toMatchObject({ k: "IDENT", line: 1, col: 1 });
  });
});

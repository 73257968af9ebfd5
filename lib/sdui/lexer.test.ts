import { describe, expect, it } from "vitest";
import { tokenize } from "./lexer.ts";

const kinds = (src: string) => tokenize(src).map((t) => `${t.kind}:${t.text}`);

describe("tokenize", () => {
  it("splits names, numbers, strings and operators with offsets", () => {
    expect(kinds("state.a[0] >= 1.5e3 and 'x'")).toEqual(["ident:state", "punct:.", "ident:a", "punct:[", "number:0", "punct:]", "punct:>=", "number:1.5e3", "ident:and", "string:x", "eof:"]);
    expect(tokenize("  len(x)")[0]).toMatchObject({ offset: 2, length: 3 });
  });

  it("decodes string escapes", () => {
    expect(tokenize(String.raw`"a\"b\n\u0041" '\''`).map((t) => t.text)).toEqual(['a"b\nA', "'", ""]);
  });

  it("tokenizes only the slice it is given", () => {
    const src = "Total: ${state.n} items";
    expect(tokenize(src, 9, 16).map((t) => t.text)).toEqual(["state", ".", "n", ""]);
    expect(tokenize(src, 9, 16).at(-1)?.offset).toBe(16);
  });

  it.each([
    ["a = b", '"=="'],
    ["a & b", '"and"'],
    ["'open", "unterminated string"],
    ['"\\q"', "unknown escape"],
    ['"\\u12"', "bad \\u escape"],
    ["1e", "malformed number exponent"],
    ["12abc", "malformed number"],
    ["a # b", "unexpected character"],
    ["${x}", 'write the expression without "${...}"'],
  ])("rejects %j", (src, message) => {
    expect(() => tokenize(src)).toThrow(message);
  });
});

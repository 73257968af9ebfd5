import { describe, expect, it } from "vitest";
import { quote, repr } from "./repr.ts";
import { encodeUtf8 } from "./utf8.ts";
import { SDict, SList, STuple } from "./value.ts";

describe("repr", () => {
  it("quotes strings with Go escapes", () => {
    expect(quote('a"b\\c\n\t\x00\x7f')).toBe('"a\\"b\\\\c\\n\\t\\x00\\x7f"');
    expect(quote(encodeUtf8("é\u200d"))).toBe(encodeUtf8('"é\\u200d"'));
    expect(quote("\xff")).toBe('"\\xff"');
  });

  it("prints containers and cycles", () => {
    const l = new SList([1, "a", null, true]);
    expect(repr(l)).toBe('[1, "a", None, True]');
    expect(repr(new STuple([1]))).toBe("(1,)");
    const d = new SDict();
    d.m.set("k", d);
    expect(repr(d)).toBe('{"k": {...}}');
  });
});

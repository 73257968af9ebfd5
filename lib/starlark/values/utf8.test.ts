import { describe, expect, it } from "vitest";
import { decodeRune, decodeUtf8, encodeUtf8, runes, runeToUtf8 } from "./utf8.ts";

describe("UTF-8 byte strings", () => {
  it("round-trips text through byte strings", () => {
    for (const s of ["", "abc", "héllo", "世界", "😿", "a\u0000b"]) expect(decodeUtf8(encodeUtf8(s))).toBe(s);
    expect(encodeUtf8("é")).toBe("\xc3\xa9");
  });

  it("replaces lone surrogates and invalid bytes with U+FFFD", () => {
    expect(encodeUtf8("\ud800")).toBe(runeToUtf8(0xfffd));
    expect(decodeRune("\xff", 0)).toEqual([0xfffd, 1]);
    expect(runes("\xf0\x9f\x98")).toEqual([0xfffd, 0xfffd, 0xfffd]);
  });
});

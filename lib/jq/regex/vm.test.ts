import { describe, expect, it } from "vitest";
import { compileRegex, Matcher } from "./vm";

function find(re: string, s: string, flags = ""): string | null {
  const m = new Matcher(compileRegex(re, flags.includes("i"), flags.includes("x")), Array.from(s, (c) => c.codePointAt(0)!), () => {});
  const r = m.exec(0);
  return r ? Array.from(s).slice(r.caps[0], r.caps[1]).join("") : null;
}

describe("regex VM", () => {
  it("matches literals, classes, anchors and alternation leftmost-first", () => {
    expect(find("b[a-c]+", "xbcab")).toBe("bcab");
    expect(find("^a|b$", "cab")).toBe("b");
    expect(find("cat|category", "category")).toBe("cat");
  });

  it("supports lazy and counted quantifiers", () => {
    expect(find("a.*?b", "aXbYb")).toBe("aXb");
    expect(find("\\d{2,3}", "12345")).toBe("123");
    expect(find("x{2}", "xxx")).toBe("xx");
  });

  it("supports backreferences, lookaround and atomic groups", () => {
    expect(find("(\\w)\\1", "abccd")).toBe("cc");
    expect(find("foo(?=bar)", "foobaz foobar")).toBe("foo");
    expect(find("(?<=\\$)\\d+", "cost $42")).toBe("42");
    expect(find("(?>a+)b", "aaab")).toBe("aaab");
  });

  it("treats ^ and $ as line anchors and . as not matching newline", () => {
    expect(find("^b", "a\nb")).toBe("b");
    expect(find("a.b", "a\nb")).toBeNull();
  });

  it("folds case and understands Unicode properties", () => {
    expect(find("STRASSE", "strasse", "i")).toBe("strasse");
    expect(find("\\p{Lu}+", "abCDe")).toBe("CD");
  });

  it("terminates on empty loops", () => {
    expect(find("(a*)*b", "aab")).toBe("aab");
    expect(typeof find("(|a)+", "aaa")).toBe("string");
  });

  it("rejects invalid patterns", () => {
    expect(() => compileRegex("(a", false, false)).toThrow(/not a valid regex/);
    expect(() => compileRegex("a{2000}", false, false)).toThrow(/too large/);
  });
});

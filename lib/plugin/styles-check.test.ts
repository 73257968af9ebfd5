import { describe, expect, it } from "vitest";
import { checkStyles } from "./styles-check.ts";

describe("checkStyles", () => {
  it("accepts plain rules, tokens, data: URIs and fragments", () => {
    const css = `.a { color: var(--color-text); background: url("data:image/png;base64,AAAA"); }\n.b { mask: url(#m); content: "\\2022"; }`;
    expect(checkStyles(css)).toEqual([]);
  });

  it("rejects @import and remote url() with line and column", () => {
    expect(checkStyles('@import "x.css";\n.a {\n  background: url(https://evil.test/a.png);\n}')).toEqual([
      { line: 1, col: 1, message: expect.stringContaining("@import") },
      { line: 3, col: 15, message: expect.stringContaining("url(") },
    ]);
  });

  it("sees through CSS escapes and case, but not through comments that split tokens", () => {
    expect(checkStyles(".a { background: \\75 rl(//x.test/a) }")).toHaveLength(1);
    expect(checkStyles(".a { background: URL( 'http://x' ) }")).toHaveLength(1);
    expect(checkStyles(".a { b: u/**/rl(x) }")).toEqual([]);
    expect(checkStyles("/* @import is fine in a comment */ .a {}")).toEqual([]);
  });

  it("rejects markup and other loaders", () => {
    const messages = checkStyles('</style><script>x</script>\n.a { b: image-set("a.png" 1x); c: expression(alert(1)); }').map((p) => p.message);
    expect(messages.some((m) => m.includes("HTML"))).toBe(true);
    expect(messages.some((m) => m.includes("image-set"))).toBe(true);
    expect(messages.some((m) => m.includes("expression"))).toBe(true);
  });
});

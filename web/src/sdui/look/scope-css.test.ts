import { describe, expect, it } from "vitest";
import { scopeCss } from "./scope-css";

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

describe("scopeCss", () => {
  it("prefixes every selector with the plugin scope", () => {
    expect(norm(scopeCss(".a, .b > c { color: red }", "graphist"))).toBe('[data-plugin="graphist"] .a, [data-plugin="graphist"] .b > c { color: red }');
  });

  it("keeps commas inside :is() and attribute selectors together", () => {
    expect(norm(scopeCss(':is(.a, .b) [x="1,2"] { top: 0 }', "p"))).toBe('[data-plugin="p"] :is(.a, .b) [x="1,2"] { top: 0 }');
  });

  it("scopes inside @media and leaves @keyframes alone", () => {
    const out = norm(scopeCss("@media (max-width: 600px) { .a { x: 1 } } @keyframes k { from { opacity: 0 } to { opacity: 1 } }", "p"));
    expect(out).toContain('@media (max-width: 600px) { [data-plugin="p"] .a { x: 1 } }');
    expect(out).toContain("@keyframes k { from { opacity: 0 } to { opacity: 1 } }");
  });

  it("maps :root/html/body to the panel, drops @import and comments", () => {
    const out = norm(scopeCss('@import url("x.css"); /* hi { } */ :root { --a: 1 } body .x { y: 2 }', "p"));
    expect(out).toBe('[data-plugin="p"] { --a: 1 } [data-plugin="p"] .x { y: 2 }');
  });

  it("strips characters that could break out of the scope selector", () => {
    expect(scopeCss(".a{}", 'x"] *, [y')).toContain('[data-plugin="xy"]');
  });
});

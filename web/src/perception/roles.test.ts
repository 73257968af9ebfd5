import { describe, expect, it } from "vitest";
import { cleanName, roleOf, statesOf } from "./roles";

const attrs = (a: Record<string, string>) => (n: string) => a[n] ?? null;

describe("roleOf", () => {
  it("prefers the first token of an explicit role", () => {
    expect(roleOf("div", attrs({ role: "tab button" }))).toBe("tab");
    expect(roleOf("button", attrs({ role: "none" }))).toBe("presentation");
  });

  it("derives implicit roles from tags and input types", () => {
    expect(roleOf("button", attrs({}))).toBe("button");
    expect(roleOf("h3", attrs({}))).toBe("heading");
    expect(roleOf("input", attrs({ type: "checkbox" }))).toBe("checkbox");
    expect(roleOf("input", attrs({}))).toBe("textbox");
    expect(roleOf("input", attrs({ list: "x" }))).toBe("combobox");
    expect(roleOf("input", attrs({ type: "hidden" }))).toBe("");
    expect(roleOf("select", attrs({}))).toBe("combobox");
    expect(roleOf("select", attrs({ multiple: "" }))).toBe("listbox");
  });

  it("gives links, images and sections a role only when they qualify", () => {
    expect(roleOf("a", attrs({ href: "/x" }))).toBe("link");
    expect(roleOf("a", attrs({}))).toBe("");
    expect(roleOf("img", attrs({ alt: "" }))).toBe("presentation");
    expect(roleOf("img", attrs({ alt: "logo" }))).toBe("img");
    expect(roleOf("section", attrs({ "aria-label": "Plugins" }))).toBe("region");
    expect(roleOf("section", attrs({}))).toBe("");
    expect(roleOf("div", attrs({}))).toBe("");
  });

  it("makes header and footer landmarks only outside sectioning elements", () => {
    expect(roleOf("header", attrs({}))).toBe("banner");
    expect(roleOf("footer", attrs({}))).toBe("contentinfo");
    expect(roleOf("header", attrs({}), true)).toBe("");
    expect(roleOf("footer", attrs({}), true)).toBe("");
  });
});

describe("statesOf", () => {
  it("lists states from properties and aria attributes in a fixed order", () => {
    expect(statesOf({ attr: attrs({ "aria-expanded": "false", "aria-selected": "true" }), disabled: true, focused: true })).toEqual(["disabled", "collapsed", "selected", "focused"]);
    expect(statesOf({ attr: attrs({ "aria-checked": "mixed" }) })).toEqual(["mixed"]);
    expect(statesOf({ attr: attrs({ required: "", "aria-hidden": "true" }), checked: true })).toEqual(["checked", "required", "hidden"]);
    expect(statesOf({ attr: attrs({}) })).toEqual([]);
  });
});

describe("cleanName", () => {
  it("collapses whitespace and caps the length", () => {
    expect(cleanName("  a\n  b ")).toBe("a b");
    expect(cleanName("x".repeat(10), 5)).toBe("xxxx…");
  });
});

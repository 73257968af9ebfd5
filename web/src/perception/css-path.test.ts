import { describe, expect, it } from "vitest";
import type { PathElement } from "./css-path";
import { cssPath, escapeIdent } from "./css-path";

interface Spec {
  tag: string;
  id?: string;
  attrs?: Record<string, string>;
  children?: Spec[];
}

/** Builds a tree of PathElements; returns the element reached by the index path. */
function build(spec: Spec, parent: PathElement | null = null): PathElement & { kids: PathElement[] } {
  const el: PathElement & { kids: PathElement[] } = {
    tag: spec.tag,
    id: spec.id ?? "",
    attr: (n) => spec.attrs?.[n] ?? null,
    parent,
    position: () => {
      const same = parent ? (parent as PathElement & { kids: PathElement[] }).kids.filter((k) => k.tag === spec.tag) : [el];
      return { index: same.indexOf(el) + 1, of: same.length };
    },
    kids: [],
  };
  el.kids = (spec.children ?? []).map((c) => build(c, el));
  return el;
}

describe("cssPath", () => {
  const root = build({
    tag: "html",
    children: [
      {
        tag: "body",
        children: [
          { tag: "div", children: [{ tag: "span" }] },
          {
            tag: "div",
            attrs: { "data-plugin": "graphist" },
            children: [{ tag: "svg", attrs: { "data-plugin": "graphist" }, children: [{ tag: "circle", attrs: { "data-plugin": "graphist", "data-id": 'n"1' } }, { tag: "circle" }] }],
          },
          { tag: "main", id: "app", children: [{ tag: "p" }, { tag: "p" }] },
        ],
      },
    ],
  });
  const body = root.kids[0]!;
  const at = (...path: number[]) => path.reduce<PathElement & { kids: PathElement[] }>((el, i) => el.kids[i] as PathElement & { kids: PathElement[] }, body as PathElement & { kids: PathElement[] });

  it("chains tag steps from the root with nth-of-type only where needed", () => {
    expect(cssPath(at(0, 0))).toBe("html > body > div:nth-of-type(1) > span");
  });

  it("names the plugin once and data-id where present, quoted", () => {
    expect(cssPath(at(1, 0, 0))).toBe('html > body > div[data-plugin="graphist"]:nth-of-type(2) > svg > circle[data-id="n\\"1"]');
  });

  it("starts at the nearest id", () => {
    expect(cssPath(at(2, 1))).toBe("#app > p:nth-of-type(2)");
    expect(cssPath(at(2))).toBe("#app");
  });

  it("caps the number of steps", () => {
    expect(cssPath(at(1, 0, 1), 2)).toBe("svg > circle:nth-of-type(2)");
  });
});

describe("escapeIdent", () => {
  it("escapes like CSS.escape", () => {
    expect(escapeIdent("a.b")).toBe("a\\.b");
    expect(escapeIdent("1x")).toBe("\\31 x");
    expect(escapeIdent("-")).toBe("\\-");
    expect(escapeIdent("ok_-Z9é")).toBe("ok_-Z9é");
  });
});

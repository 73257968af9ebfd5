import { describe, expect, it } from "vitest";
import { rect, SNAPSHOT, viewNode } from "../../test/perception-browser";
import { matchOutput, select, selectorProblem, unionRect, wrapSnapshot } from "./css-view";

const ids = (selector: string) => {
  const r = select(selector, wrapSnapshot(SNAPSHOT));
  if (!r.ok) throw new Error(r.message);
  return r.matches.map((m) => m.node.attrs["data-id"] ?? m.node.id ?? m.node.tag);
};

describe("CSS over a pe.view snapshot", () => {
  it("reads tag, id, classes and attrs (names in any case), and the root element", () => {
    expect(ids("[data-plugin=graphist] [data-component=canvas] circle")).toEqual(["n1", "n2"]);
    expect(ids("#app")).toEqual(["app"]);
    expect(ids(".workspace > svg > text")).toEqual(["text"]);
    expect(ids("svg[VIEWBOX='0 0 400 300'] > circle[r='10']")).toEqual(["n1", "n2"]);
    expect(ids("CIRCLE[data-id^=n]:last-of-type")).toEqual(["n2"]);
    expect(ids(":root")).toEqual(["body"]);
    expect(ids("body > div:nth-child(2) circle")).toEqual(["circle"]);
    expect(ids("circle + circle, button")).toEqual(["n2", "button"]);
    expect(ids("div:has(> button) svg ~ button")).toEqual(["button"]);
    expect(ids(":contains('Add node')")).toEqual(["body", "app", "button"]);
  });

  it("refuses invalid selectors with a message", () => {
    for (const bad of ["[[[", "circle:unknown-pseudo", "a[b=", "::before", "a,,b"]) expect(selectorProblem(bad), bad).toMatch(/invalid CSS selector/);
    expect(selectorProblem("circle")).toBeNull();
  });

  it("stops a selector that would run unbounded", () => {
    // Each of 3,000 nested elements searches its whole subtree: millions of steps.
    let deep = viewNode("leaf");
    for (let i = 0; i < 3000; i++) deep = viewNode("div", {}, [deep]);
    const r = select(":not(:has(span))", wrapSnapshot(deep));
    expect(r).toMatchObject({ ok: false, code: "budget_exceeded" });
  });

  it("outputs matches without subtrees and boxes them", () => {
    const r = select("circle", wrapSnapshot(SNAPSHOT));
    if (!r.ok) throw new Error(r.message);
    expect(matchOutput(r.matches[0]!)).toMatchObject({ tag: "circle", child_count: 0 });
    expect("children" in matchOutput(r.matches[0]!)).toBe(false);
    expect(unionRect(r.matches.slice(0, 2))).toEqual(rect(50, 60, 120, 120));
    expect(unionRect([])).toBeNull();
  });
});

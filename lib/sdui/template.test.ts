import { describe, expect, it } from "vitest";
import { compileTemplate, hasExpression, isPureExpression } from "./template.ts";

const state = { count: 2, nodes: [{ id: "a" }, { id: "b" }], title: "Graph", flag: true };

function render(src: string, scope: object = { state }) {
  const c = compileTemplate(src);
  if (!c.ok) throw new Error(c.error.message);
  const r = c.template.evaluate(scope);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("compileTemplate", () => {
  it("yields the raw value of a pure expression", () => {
    expect(render("${state.nodes}")).toEqual(state.nodes);
    expect(render("${state.flag}")).toBe(true);
    expect(compileTemplate("${state.count}").ok && isPureExpression("${state.count}")).toBe(true);
  });

  it("yields a string for text mixed with expressions", () => {
    expect(render("Nodes: ${len(state.nodes)}")).toBe("Nodes: 2");
    expect(render("${state.count}${state.count}")).toBe("22");
    expect(render(" ${state.flag}")).toBe(" true");
    expect(render("${state.missing}!")).toBe("!");
    expect(isPureExpression(" ${state.count}")).toBe(false);
  });

  it("leaves plain strings alone and honours the $${ escape", () => {
    expect(render("plain text")).toBe("plain text");
    expect(render("cost: $5")).toBe("cost: $5");
    expect(render("literal $${state.count} and ${state.count}")).toBe("literal ${state.count} and 2");
    expect(hasExpression("$${x}")).toBe(false);
    expect(compileTemplate("").ok).toBe(true);
  });

  it("finds the closing brace after string literals containing braces", () => {
    expect(render("${'}' + state.title}")).toBe("}Graph");
    expect(render('${"a\\"}"}')).toBe('a"}');
  });

  it("reports errors with positions inside the whole string", () => {
    const bad = compileTemplate("Total:\n  ${state.count +}");
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.span).toMatchObject({ line: 2, col: 18 });
      expect(bad.error.message).toContain("unexpected");
    }
    const open = compileTemplate("abc ${state.count");
    expect(open.ok).toBe(false);
    if (!open.ok) expect(open.error.span).toMatchObject({ line: 1, col: 5 });
  });

  it("reports run-time errors with positions inside the whole string", () => {
    const c = compileTemplate("x ${state.title * 2}");
    expect(c.ok).toBe(true);
    if (c.ok) {
      const r = c.template.evaluate({ state });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.span.col).toBe(5);
    }
  });

  it("shares one budget across the expressions of a template", () => {
    const c = compileTemplate("${1+1+1} ${1+1+1} ${1+1+1}");
    expect(c.ok).toBe(true);
    if (c.ok) {
      expect(c.template.evaluate({}, { budget: 20 }).ok).toBe(true);
      const r = c.template.evaluate({}, { budget: 10 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("budget");
    }
  });

  it("rejects huge templates with an error", () => {
    const c = compileTemplate("x".repeat(200_000));
    expect(c.ok).toBe(false);
  });
});

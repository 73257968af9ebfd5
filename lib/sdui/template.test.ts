import { describe, expect, it } from "vitest";
import { resolveProps } from "./resolve-props.ts";
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

describe("resolveProps", () => {
  it("resolves expressions deeply and keeps other values", () => {
    const r = resolveProps(
      {
        label: "Count: ${state.count}",
        items: "${state.nodes}",
        disabled: false,
        size: 3,
        nested: { list: ["${state.title}", "x", { deep: "${upper(state.title)}" }] },
      },
      { state },
    );
    expect(r.errors).toEqual([]);
    expect(r.props).toEqual({
      label: "Count: 2",
      items: state.nodes,
      disabled: false,
      size: 3,
      nested: { list: ["Graph", "x", { deep: "GRAPH" }] },
    });
  });

  it("turns failed expressions into null and reports their paths", () => {
    const r = resolveProps({ a: "${state.title * 2}", b: { c: ["ok", "${nope}"] } }, { state });
    expect(r.props).toEqual({ a: null, b: { c: ["ok", null] } });
    expect(r.errors.map((e) => e.path)).toEqual(["a", "b.c.1"]);
    expect(r.errors[1]?.error.code).toBe("unknown_name");
  });

  it("leaves skipped props unresolved for later", () => {
    const r = resolveProps({ label: "${state.count}", params: { v: "${event.value}" } }, { state }, { skip: ["params"] });
    expect(r.props).toEqual({ label: 2, params: { v: "${event.value}" } });
  });

  it("keeps a __proto__ key as data", () => {
    const props = JSON.parse('{"__proto__": {"polluted": "${state.count}"}}') as unknown;
    const r = resolveProps(props, { state });
    expect(Object.getPrototypeOf(r.props)).toBe(Object.prototype);
    expect(Object.hasOwn(r.props, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { resolveProps } from "./resolve-props.ts";

const state = { count: 2, nodes: [{ id: "a" }, { id: "b" }], title: "Graph", flag: true };

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

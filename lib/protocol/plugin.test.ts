import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CommandResultSchema, DEFAULT_BUDGETS, isMetaCommand, PLATFORM_MAX_BUDGETS, PluginManifestSchema, resolveBudgets } from "./plugin.ts";

const base = () => ({
  name: "counter",
  version: "1.2.3",
  title: "Counter",
  language: "starlark",
  state: { schema: { type: "object", properties: { n: { type: "integer", default: 0 } } } },
  commands: {
    add: {
      handler: "add",
      description: "Adds by to n.",
      params: { type: "object", properties: { by: { type: "integer", minimum: 1 } }, required: ["by"] },
      example: { by: 2 },
    },
  } as Record<string, unknown>,
});

function problems(input: unknown): { path: string; message: string }[] {
  const r = PluginManifestSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i: z.core.$ZodIssue) => ({ path: i.path.join("."), message: i.message }));
}

describe("PluginManifestSchema", () => {
  it("accepts a minimal manifest and fills defaults", () => {
    const r = PluginManifestSchema.parse(base());
    expect(r.dependencies).toEqual([]);
    expect(r.instances).toBe("single");
    expect(r.description).toBe("");
  });

  it("rejects a language other than starlark with a clear message", () => {
    const p = problems({ ...base(), language: "python" });
    expect(p).toEqual([{ path: "language", message: expect.stringContaining('language must be "starlark"') }]);
  });

  it("rejects bad plugin names", () => {
    for (const name of ["Counter", "1abc", "a", "has space", "x".repeat(41), "a.b"]) {
      expect(problems({ ...base(), name }).map((p) => p.path)).toEqual(["name"]);
    }
    for (const name of ["pe", "graph-ist", "a_1", "x".repeat(40)]) expect(problems({ ...base(), name })).toEqual([]);
  });

  it("rejects a version that is not semver", () => {
    expect(problems({ ...base(), version: "1.0" }).map((p) => p.path)).toEqual(["version"]);
  });

  it("rejects unknown schema keywords with their paths, $ref included", () => {
    const m = base();
    m.commands.add = {
      handler: "add",
      description: "d",
      params: { type: "object", properties: { x: { type: "number", $ref: "#/defs/x" }, y: { oneOf: [] } } },
      example: {},
    };
    const m2 = { ...m, state: { schema: { type: "object", patternProperties: {} } } };
    const paths = problems(m2).map((p) => p.path);
    expect(paths).toContain("commands.add.params.properties.x.$ref");
    expect(paths).toContain("commands.add.params.properties.y.oneOf");
    expect(paths).toContain("state.schema.patternProperties");
  });

  it("rejects an example that does not match its params, at the example's path", () => {
    const m = base();
    m.commands.add = { ...(m.commands.add as object), example: { by: "two" } };
    expect(problems(m)).toEqual([{ path: "commands.add.example.by", message: "example does not match params: expected integer, got string" }]);
    m.commands.add = { ...(m.commands.add as object), example: {} };
    expect(problems(m)).toEqual([{ path: "commands.add.example.by", message: "example does not match params: required" }]);
  });

  it("requires params and the state schema to describe objects", () => {
    const m = { ...base(), state: { schema: { type: "array" } } };
    m.commands.add = { handler: "add", description: "d", params: { type: "string" }, example: {} };
    expect(problems(m).map((p) => p.path).sort()).toEqual(["commands.add.params.type", "state.schema.type"]);
  });

  it("keeps budgets within the platform maxima", () => {
    expect(problems({ ...base(), budgets: { steps: PLATFORM_MAX_BUDGETS.steps } })).toEqual([]);
    const p = problems({ ...base(), budgets: { steps: PLATFORM_MAX_BUDGETS.steps + 1, time_ms: 0, memory: 1 } });
    expect(p.map((x) => x.path).sort()).toEqual(["budgets", "budgets.steps", "budgets.time_ms"]);
    expect(resolveBudgets({ steps: 10 })).toEqual({ ...DEFAULT_BUDGETS, steps: 10 });
    for (const k of Object.keys(DEFAULT_BUDGETS) as (keyof typeof DEFAULT_BUDGETS)[]) expect(DEFAULT_BUDGETS[k]).toBeLessThanOrEqual(PLATFORM_MAX_BUDGETS[k]);
  });

  it("reserves meta-command names for meta commands", () => {
    const m = base();
    m.commands.set_ui = { handler: "set_ui", description: "d", params: { type: "object" }, example: {} };
    m.commands.add = { ...(m.commands.add as object), meta: true };
    expect(problems(m).map((p) => p.path).sort()).toEqual(["commands.add.meta", "commands.set_ui"]);
    expect(isMetaCommand("pe.animate")).toBe(true);
    expect(isMetaCommand("animate")).toBe(true);
    expect(isMetaCommand("graphist.animate")).toBe(false);
  });

  it("checks dependencies and surfaces", () => {
    const p = problems({
      ...base(),
      dependencies: ["counter", "graphist", "graphist"],
      surfaces: [
        { name: "all", lang: "sql", description: "d", path: "n" },
        { name: "all", lang: "jq", description: "d", soft_budget_bytes: 10, hard_budget_bytes: 5, recipes: [{ description: "n", query: ".n" }] },
        { name: "x", lang: "css", description: "d" },
      ],
    });
    expect(p.map((x) => x.path).sort()).toEqual(["dependencies.0", "dependencies.2", "surfaces.0.path", "surfaces.1.name", "surfaces.1.soft_budget_bytes", "surfaces.2.lang"]);
  });

  it("checks that a surface's path exists in a closed state schema", () => {
    const closed = { type: "object", properties: { view: { type: "object", properties: { items: { type: "array" } }, additionalProperties: false } }, additionalProperties: false };
    const surface = (path: string) => ({ ...base(), state: { schema: closed }, surfaces: [{ name: "s", lang: "jq", description: "d", path }] });
    expect(problems(surface("view.items"))).toEqual([]);
    expect(problems(surface("view.itemz"))).toEqual([{ path: "surfaces.0.path", message: 'the state schema has no property "itemz" on the way to view.itemz' }]);
    expect(problems(surface("nope"))).toHaveLength(1);
    expect(problems({ ...surface("anything"), state: { schema: { type: "object" } } })).toEqual([]);
  });

  it("checks that a sql surface's path holds rows, or that it declares columns", () => {
    const schema = { type: "object", properties: { rows: { type: "array", items: { type: "object", properties: { a: { type: "integer" } } } }, byId: { type: "object", additionalProperties: { type: "object" } }, title: { type: "string" } } };
    const sql = (s: Record<string, unknown>) => problems({ ...base(), state: { schema }, surfaces: [{ name: "t", lang: "sql", description: "d", ...s }] }).map((p) => p.path);
    expect(sql({ path: "rows" })).toEqual([]);
    expect(sql({ path: "byId" })).toEqual([]);
    expect(sql({ path: "title" })).toEqual(["surfaces.0.path"]);
    expect(sql({ path: "title", columns: { a: "TEXT" } })).toEqual([]);
    expect(sql({})).toEqual(["surfaces.0.path"]);
    expect(sql({ path: "rows", columns: { "not ok": "TEXT" } })).toEqual(["surfaces.0.columns.not ok"]);
    expect(sql({ path: "rows", columns: { a: "BLOB" } })).toHaveLength(1);
    expect(problems({ ...base(), state: { schema }, surfaces: [{ name: "t", lang: "jq", description: "d", path: "rows", columns: { a: "TEXT" } }] }).map((p) => p.path)).toEqual(["surfaces.0.columns"]);
  });

  it("rejects unknown manifest fields and bad instance policies", () => {
    const r = PluginManifestSchema.safeParse({ ...base(), instances: "many", colour: 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.code).sort()).toEqual(["invalid_value", "unrecognized_keys"]);
  });
});

describe("CommandResultSchema", () => {
  it("accepts every optional field and rejects unknown ones", () => {
    expect(CommandResultSchema.safeParse({}).success).toBe(true);
    const full = {
      state: { n: 1 },
      result: [1],
      sub_commands: [{ command: "pe.animate", params: {} }],
      effects: [],
      animate: [{ target: "node-n1", animation: { enter: "pop" } }],
      toast: { message: "Done", level: "success" },
      tokens_changed: { "--color-accent": "#0a7" },
      broadcast_full_state: true,
    };
    expect(CommandResultSchema.safeParse(full).success).toBe(true);
    expect(CommandResultSchema.safeParse({ stat: {} }).success).toBe(false);
    expect(CommandResultSchema.safeParse({ state: Number.NaN }).success).toBe(false);
  });
});

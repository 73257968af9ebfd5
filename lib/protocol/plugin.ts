/**
 * The plugin package's schemas: `plugin.json` (PluginManifest) and what a handler returns
 * (CommandResult). Whole-package checks (ui, bindings, styles, handlers) live in lib/plugin.
 */
import { z } from "zod";
import type { JsonValue, PathSegments, SubsetSchema } from "../plugin/json-schema.ts";
import { checkSubsetAt, compileValidator, isJsonValue, isPlainObject } from "../plugin/json-schema.ts";

export const PLUGIN_NAME = /^[a-z][a-z0-9_-]{1,39}$/;
export const COMMAND_NAME = /^[a-z_][a-z0-9_]{0,63}$/;
export const STARLARK_IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const STATE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/**
 * Commands the engine implements natively (they change plugin files, not state). They belong to
 * the framework plugin `pe`; bindings and buttons may name them as `animate` or `pe.animate`.
 */
export const META_COMMANDS = ["set_ui", "register_command", "unregister_command", "set_input_bindings", "set_styles", "animate"] as const;
export type MetaCommand = (typeof META_COMMANDS)[number];

/** True for `set_ui`, `pe.set_ui`, ... */
export function isMetaCommand(name: string): boolean {
  const bare = name.startsWith("pe.") ? name.slice(3) : name;
  return (META_COMMANDS as readonly string[]).includes(bare);
}

export interface Budgets {
  /** Starlark steps (statements, loop iterations, calls) per command */
  steps: number;
  /** approximate bytes a command may allocate */
  memory_bytes: number;
  /** deepest Starlark call stack */
  call_depth: number;
  /** wall-clock limit per command */
  time_ms: number;
}

/** No plugin may ask for more than this. */
export const PLATFORM_MAX_BUDGETS: Readonly<Budgets> = Object.freeze({ steps: 5_000_000, memory_bytes: 64 * 1024 * 1024, call_depth: 200, time_ms: 2_000 });

/** What a plugin gets when its manifest does not say. */
export const DEFAULT_BUDGETS: Readonly<Budgets> = Object.freeze({ steps: 1_000_000, memory_bytes: 16 * 1024 * 1024, call_depth: 100, time_ms: 500 });

const budget = (key: keyof Budgets) =>
  z.int(`${key} must be an integer`).min(1, `${key} must be at least 1`).max(PLATFORM_MAX_BUDGETS[key], `${key} may be at most ${PLATFORM_MAX_BUDGETS[key]} (the platform maximum)`);

export const BudgetsSchema = z.strictObject({
  steps: budget("steps").optional(),
  memory_bytes: budget("memory_bytes").optional(),
  call_depth: budget("call_depth").optional(),
  time_ms: budget("time_ms").optional(),
});

/** The manifest's budgets filled in with {@link DEFAULT_BUDGETS}. */
export function resolveBudgets(budgets: z.infer<typeof BudgetsSchema> | undefined): Budgets {
  return { ...DEFAULT_BUDGETS, ...Object.fromEntries(Object.entries(budgets ?? {}).filter(([, v]) => v !== undefined)) };
}

function addIssues(ctx: z.core.$RefinementCtx, problems: { path: PathSegments; message: string }[]): void {
  for (const p of problems) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
}

/** A JSON Schema in the plugin subset (see lib/plugin/json-schema.ts); issues carry keyword paths. */
export const JsonSchemaSubset: z.ZodType<SubsetSchema> = z.custom<SubsetSchema>().superRefine((s, ctx) => addIssues(ctx, checkSubsetAt(s)));

/** A subset schema that describes an object (command params). */
export const ObjectSchemaSubset: z.ZodType<SubsetSchema> = z.custom<SubsetSchema>().superRefine((s, ctx) => {
  const problems = checkSubsetAt(s);
  addIssues(ctx, problems);
  if (problems.length === 0 && isPlainObject(s) && s.type !== "object") ctx.addIssue({ code: "custom", path: ["type"], message: 'params must be a schema with type "object"' });
});

const JsonData = z.custom<JsonValue>((v) => isJsonValue(v), "expected JSON data");

export const CommandSpecSchema = z.strictObject({
  handler: z.string().regex(STARLARK_IDENT, "expected the name of a Starlark function in handlers.star"),
  description: z.string().min(1, "describe what the command does").max(2_000),
  params: ObjectSchemaSubset,
  example: z.record(z.string(), JsonData).describe("params for an example call; must match params"),
  example_setup: z
    .array(z.strictObject({ command: z.string().regex(COMMAND_NAME), params: z.record(z.string(), JsonData).default({}) }))
    .max(10)
    .describe("commands the manual's example dispatch runs first, so the example works on a fresh instance")
    .optional(),
  meta: z.boolean().describe("implemented natively by the engine (framework plugin pe)").optional(),
}).superRefine((cmd, ctx) => {
  // Only compare when params is a valid subset schema (otherwise its own problems are reported).
  if (checkSubsetAt(cmd.params).length > 0 || cmd.params.type !== "object" || !isPlainObject(cmd.example)) return;
  for (const p of compileValidator(cmd.params)(cmd.example)) {
    ctx.addIssue({ code: "custom", path: ["example", ...(p.path === "" ? [] : p.path.split("."))], message: `example does not match params: ${p.message}` });
  }
});

export const SurfaceSchema = z.strictObject({
  name: z.string().regex(COMMAND_NAME, "expected a surface name like nodes or by_color"),
  lang: z.enum(["jq", "sql"], "lang must be \"jq\" or \"sql\""),
  description: z.string().min(1).max(2_000),
  path: z.string().regex(STATE_PATH, "expected a state path like nodes or meta.items").describe("jq: the part of state the query sees; sql: the array (or map) of objects that is the table").optional(),
  columns: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "expected a column name like label or created_at"), z.enum(["TEXT", "INTEGER", "REAL", "JSON", "ANY"]))
    .describe("sql: the table's columns and types (default: the state schema's item properties at path)")
    .optional(),
  soft_budget_bytes: z.int().min(1).max(16 * 1024 * 1024).optional(),
  hard_budget_bytes: z.int().min(1).max(16 * 1024 * 1024).optional(),
  recipes: z.array(z.strictObject({ description: z.string().min(1).max(500), query: z.string().min(1).max(4_000) })).max(50).optional(),
}).superRefine((s, ctx) => {
  if (s.lang === "sql" && s.path === undefined) ctx.addIssue({ code: "custom", path: ["path"], message: "a sql surface needs path: the state path of its table (an array or map of objects)" });
  if (s.columns !== undefined && s.lang !== "sql") ctx.addIssue({ code: "custom", path: ["columns"], message: "columns apply to sql surfaces only" });
  if (s.soft_budget_bytes !== undefined && s.hard_budget_bytes !== undefined && s.soft_budget_bytes > s.hard_budget_bytes) {
    ctx.addIssue({ code: "custom", path: ["soft_budget_bytes"], message: "soft_budget_bytes must not exceed hard_budget_bytes" });
  }
});

const LANGUAGE_MESSAGE = 'language must be "starlark": plugin handlers are written in Starlark (handlers.star)';

/**
 * Checks across fields of the manifest. It runs even when other fields failed, so that every
 * problem is reported at once; it therefore reads its input defensively.
 */
function checkManifest(m: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isPlainObject(m)) return;
  const issue = (path: PathSegments, message: string): void => ctx.addIssue({ code: "custom", path, message });
  const state = isPlainObject(m.state) ? m.state : {};
  if (isPlainObject(state.schema) && checkSubsetAt(state.schema).length === 0 && state.schema.type !== "object") {
    issue(["state", "schema", "type"], 'the state schema must have type "object"');
  }
  (Array.isArray(m.dependencies) ? m.dependencies : []).forEach((d, i, all) => {
    if (d === m.name) issue(["dependencies", i], "a plugin cannot depend on itself");
    else if (all.indexOf(d) !== i) issue(["dependencies", i], `"${String(d)}" is listed twice`);
  });
  for (const [name, cmd] of Object.entries(isPlainObject(m.commands) ? m.commands : {})) {
    if (!isPlainObject(cmd)) continue;
    if (cmd.meta === true && !isMetaCommand(name)) issue(["commands", name, "meta"], `only engine meta-commands may set meta (${META_COMMANDS.join(", ")})`);
    if (cmd.meta !== true && isMetaCommand(name)) issue(["commands", name], `"${name}" is an engine meta-command; choose another name`);
  }
  const surfaces = Array.isArray(m.surfaces) ? m.surfaces : [];
  surfaces.forEach((s, i) => {
    if (!isPlainObject(s)) return;
    if (surfaces.findIndex((o) => isPlainObject(o) && o.name === s.name) !== i) issue(["surfaces", i, "name"], `surface "${String(s.name)}" is declared twice`);
    const missing = typeof s.path === "string" ? missingStatePath(state.schema, s.path) : null;
    if (missing !== null) issue(["surfaces", i, "path"], `the state schema has no property "${missing}" on the way to ${s.path}`);
    else if (s.lang === "sql" && typeof s.path === "string" && s.columns === undefined && !isRowSchema(s.path.split(".").reduce<unknown>((at, k) => (isPlainObject(at) && isPlainObject(at.properties) ? at.properties[k] : undefined), state.schema))) {
      issue(["surfaces", i, "path"], `a sql surface's table: the state schema at ${s.path} must be an array (items) or a map (additionalProperties) of rows, or declare columns`);
    }
  });
}

/** Whether a schema gives table rows: an array with `items`, or an object with schema-valued `additionalProperties`. */
function isRowSchema(schema: unknown): boolean {
  return isPlainObject(schema) && (isPlainObject(schema.items) || isPlainObject(schema.additionalProperties));
}

/** The first segment of a dotted state path that a closed schema (additionalProperties false) does not declare. */
function missingStatePath(schema: unknown, path: string): string | null {
  let at = schema;
  for (const segment of path.split(".")) {
    if (!isPlainObject(at)) return null;
    if (isPlainObject(at.items) && /^\d+$/.test(segment)) {
      at = at.items;
      continue;
    }
    const props = isPlainObject(at.properties) ? at.properties : {};
    if (Object.hasOwn(props, segment)) at = props[segment];
    else if (at.additionalProperties === false) return segment;
    else return null;
  }
  return null;
}

export const PluginManifestSchema = z
  .strictObject({
    name: z.string().regex(PLUGIN_NAME, "name must start with a lower-case letter and use a-z, 0-9, _ or - (2 to 40 characters)"),
    version: z.string().regex(SEMVER, "version must be semver, like 1.0.0"),
    title: z.string().min(1, "title must not be empty").max(80),
    description: z.string().max(2_000).default(""),
    language: z.literal("starlark", LANGUAGE_MESSAGE),
    dependencies: z.array(z.string().regex(PLUGIN_NAME, "expected a plugin name")).max(32).default([]),
    state: z.strictObject({ schema: JsonSchemaSubset }),
    commands: z.record(z.string().regex(COMMAND_NAME, "command names use a-z, 0-9 and _ (max 64), like add_node"), CommandSpecSchema),
    instances: z.enum(["single", "per_document"], 'instances must be "single" or "per_document"').default("single"),
    budgets: BudgetsSchema.optional(),
    surfaces: z.array(SurfaceSchema).max(32).optional(),
  })
  .superRefine(checkManifest, { when: () => true });

/** plugin.json after parsing (defaults applied: description "", dependencies [], instances "single"). */
export type PluginManifest = z.infer<typeof PluginManifestSchema>;
export type CommandSpec = z.infer<typeof CommandSpecSchema>;
export type Surface = z.infer<typeof SurfaceSchema>;
export type ManifestBudgets = z.infer<typeof BudgetsSchema>;

/** `PluginManifest` names both the type and, as a value, the schema (same as PluginManifestSchema). */
export const PluginManifest = PluginManifestSchema;

const COMMAND_REF = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

function commandResultSchema(json: z.ZodType<JsonValue>) {
  return z.strictObject({
    state: json.optional(),
    result: json.optional(),
    sub_commands: z
      .array(z.strictObject({ command: z.string().regex(COMMAND_REF, "expected a command name like add_node or pe.animate"), params: z.record(z.string(), json).default({}) }))
      .max(100)
      .optional(),
    effects: z.array(json).max(100).optional(),
    animate: z.union([z.strictObject({ target: z.string().min(1).max(200), animation: json }), z.array(z.strictObject({ target: z.string().min(1).max(200), animation: json })).max(500)]).optional(),
    toast: z
      .union([z.string().min(1).max(500), z.strictObject({ message: z.string().min(1).max(500), level: z.enum(["info", "success", "warning", "error"]).default("info") })])
      .optional(),
    tokens_changed: z.record(z.string(), json).optional(),
    broadcast_full_state: z.boolean().optional(),
  });
}

/**
 * What a handler returns (a Starlark dict converted to JSON). Every field is optional; `state`
 * replaces the room's state (validated against the state schema by the room).
 */
export const CommandResultSchema = commandResultSchema(JsonData);

/**
 * The same shape without walking the JSON payloads: for values that are JSON by construction
 * (converted from Starlark), where a deep walk of a large state would only cost time.
 */
export const CommandResultShapeSchema = commandResultSchema(z.custom<JsonValue>((v) => v !== undefined, "required"));
export type CommandResult = z.infer<typeof CommandResultSchema>;

import type { z } from "zod";
import type { Budgets, PluginManifest } from "../protocol/plugin.ts";
import { isMetaCommand, PluginManifestSchema, resolveBudgets } from "../protocol/plugin.ts";
import type { Bindings } from "../sdui/bindings.ts";
import { validateBindings } from "../sdui/bindings.ts";
import type { UiNode } from "../sdui/node.ts";
import { validateUiTree } from "../sdui/validate-tree.ts";
import { checkHandlers } from "./handlers-check.ts";
import type { JsonValue, Problem } from "./json-schema.ts";
import { compileValidator, defaultsOf, isPlainObject, joinPath } from "./json-schema.ts";
import { stateRefProblems } from "./state-refs.ts";
import { checkStyles } from "./styles-check.ts";

/** The five files of a plugin package, as text. */
export interface PluginFiles {
  "plugin.json": string;
  "handlers.star": string;
  "ui.json": string;
  "bindings.json": string;
  "styles.css": string;
}
export type PluginFileName = keyof PluginFiles;
export const PLUGIN_FILE_NAMES: readonly PluginFileName[] = ["plugin.json", "handlers.star", "ui.json", "bindings.json", "styles.css"];

/** Largest size of each file, in UTF-8 bytes. */
export const MAX_PLUGIN_FILE_BYTES: Readonly<Record<PluginFileName, number>> = Object.freeze({
  "plugin.json": 256 * 1024,
  "handlers.star": 256 * 1024,
  "ui.json": 512 * 1024,
  "bindings.json": 64 * 1024,
  "styles.css": 64 * 1024,
});

/**
 * One fault in a package. `path` is prefixed by the file: `plugin.json: commands.add.params`,
 * `ui.json: children.0.props.label`, `handlers.star:12:5`, or just the file name.
 */
export interface PackageProblem extends Problem {
  file: PluginFileName;
  /** inside the part of the file, without the file prefix ("" for the whole file) */
  at: string;
}

/** A package that passed every check, parsed and ready for a room. */
export interface LoadedPlugin {
  manifest: PluginManifest;
  files: PluginFiles;
  /** state built from the state schema's defaults; it validates against the schema */
  initialState: JsonValue;
  ui: UiNode;
  bindings: Bindings;
  styles: string;
  /** the manifest's budgets with defaults filled in */
  budgets: Budgets;
}

export type PluginValidation = { ok: true; plugin: LoadedPlugin } | { ok: false; problems: PackageProblem[] };

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; at: string; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    if (!pos) return { ok: false, at: "", message: `invalid JSON: ${message}` };
    const offset = Number(pos[1]);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const col = offset - before.lastIndexOf("\n");
    return { ok: false, at: `${line}:${col}`, message: `invalid JSON: ${message}` };
  }
}

/** Zod issues → paths and messages, with one problem per unknown key and "required" for missing fields. */
function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
  const out: Problem[] = [];
  const valueAt = (path: readonly PropertyKey[]): unknown => {
    let v = input;
    for (const key of path) {
      if (typeof v !== "object" || v === null || !Object.hasOwn(v, key)) return undefined;
      v = (v as Record<PropertyKey, unknown>)[key];
    }
    return v;
  };
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) out.push({ path: joinPath([...path, key]), message: `unknown field "${key}"` });
    else if (issue.code === "invalid_type" && valueAt(issue.path) === undefined) out.push({ path: joinPath(path), message: "required" });
    else if (issue.code === "invalid_key") out.push({ path: joinPath(path), message: `bad name "${path.at(-1) ?? ""}": ${issue.issues[0]?.message ?? issue.message}` });
    else out.push({ path: joinPath(path), message: issue.message });
  }
  return out;
}

/** Literal command names used by a ui tree's `command` props and by bindings, with their paths. */
function commandRefs(value: unknown, path: string[], out: { path: string; command: string }[], depth = 0): void {
  if (depth > 64) return;
  if (Array.isArray(value)) value.forEach((v, i) => commandRefs(v, [...path, String(i)], out, depth + 1));
  else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "command" && typeof v === "string" && !v.includes("${")) out.push({ path: joinPath([...path, k]), command: v });
      else if (k !== "params") commandRefs(v, [...path, k], out, depth + 1);
    }
  }
}

/** Whether a package may dispatch `ref`: its own commands (bare or `name.cmd`), meta-commands, or a dependency's. */
function knownCommand(ref: string, name: string | undefined, commands: readonly string[], dependencies: readonly string[]): boolean {
  if (isMetaCommand(ref) || commands.includes(ref)) return true;
  const dot = ref.indexOf(".");
  if (dot < 0) return false;
  const owner = ref.slice(0, dot);
  const cmd = ref.slice(dot + 1);
  return (owner === name && commands.includes(cmd)) || dependencies.includes(owner);
}

/**
 * Validates a whole plugin package and reports every problem at once, each prefixed by its file:
 * JSON syntax, the manifest (schemas in the subset, examples matching params, budgets), the ui tree
 * and bindings (via lib/sdui; every command they name must exist, and every `${state.x}` they read
 * must be declared when the state schema is closed), styles.css (size, nothing loaded
 * from elsewhere) and handlers.star (compiles; one `def handler(state, params, ctx)` per command).
 *
 * @example const r = validatePlugin(files); if (!r.ok) for (const p of r.problems) console.log(p.path, p.message);
 */
export function validatePlugin(files: PluginFiles): PluginValidation {
  const problems: PackageProblem[] = [];
  if (!isPlainObject(files)) files = {} as PluginFiles;
  const add = (file: PluginFileName, at: string, message: string, position = false): void => {
    const path = at === "" ? file : position ? `${file}:${at}` : `${file}: ${at}`;
    problems.push({ file, at, path, message });
  };

  const text = {} as Record<PluginFileName, string>;
  for (const name of PLUGIN_FILE_NAMES) {
    const content: unknown = (files as unknown as Record<string, unknown>)[name];
    if (typeof content !== "string") {
      add(name, "", "missing: every package has plugin.json, handlers.star, ui.json, bindings.json and styles.css (use {} or an empty file)");
      text[name] = "";
      continue;
    }
    text[name] = content;
    const bytes = utf8Length(content);
    if (bytes > MAX_PLUGIN_FILE_BYTES[name]) add(name, "", `file is ${bytes} bytes; the limit is ${MAX_PLUGIN_FILE_BYTES[name]}`);
  }

  const json = (name: "plugin.json" | "ui.json" | "bindings.json"): { ok: boolean; value: unknown } => {
    if (typeof (files as unknown as Record<string, unknown>)[name] !== "string") return { ok: false, value: undefined };
    const r = parseJson(text[name]);
    if (r.ok) return r;
    add(name, r.at, r.message, r.at !== "");
    return { ok: false, value: undefined };
  };

  // plugin.json
  const rawManifest = json("plugin.json");
  let manifest: PluginManifest | undefined;
  if (rawManifest.ok) {
    const r = PluginManifestSchema.safeParse(rawManifest.value);
    if (r.success) manifest = r.data;
    else for (const p of issuesToProblems(r.error.issues, rawManifest.value)) add("plugin.json", p.path, p.message);
  }
  // Cross-file checks use the parsed manifest, or whatever of it can be read.
  const raw = isPlainObject(rawManifest.value) ? rawManifest.value : {};
  const rawCommands = isPlainObject(raw.commands) ? raw.commands : {};
  const commandNames = manifest ? Object.keys(manifest.commands) : Object.keys(rawCommands);
  const pluginName = manifest?.name ?? (typeof raw.name === "string" ? raw.name : undefined);
  const dependencies = manifest?.dependencies ?? (Array.isArray(raw.dependencies) ? raw.dependencies.filter((d): d is string => typeof d === "string") : []);
  const checkRefs = (file: "ui.json" | "bindings.json", value: unknown): void => {
    if (!rawManifest.ok) return;
    const refs: { path: string; command: string }[] = [];
    commandRefs(value, [], refs);
    for (const ref of refs) {
      if (!knownCommand(ref.command, pluginName, commandNames, dependencies)) {
        add(file, ref.path, `unknown command "${ref.command}" (this plugin's commands: ${commandNames.join(", ") || "none"}; meta-commands and dependencies' commands as plugin.command)`);
      }
    }
  };

  let initialState: JsonValue = null;
  if (manifest) {
    initialState = defaultsOf(manifest.state.schema);
    for (const p of compileValidator(manifest.state.schema)(initialState)) {
      add("plugin.json", joinPath(["state", "schema"]), `the initial state built from defaults does not match the schema at ${p.path || "the root"}: ${p.message} (add a default)`);
    }
  }

  // ui.json
  const uiJson = json("ui.json");
  if (uiJson.ok) {
    const r = validateUiTree(uiJson.value);
    if (!r.ok) for (const p of r.problems) add("ui.json", p.path, p.message);
    checkRefs("ui.json", uiJson.value);
    if (manifest) for (const p of stateRefProblems(uiJson.value, manifest.state.schema)) add("ui.json", p.path, p.message);
  }

  // bindings.json
  const bindingsJson = json("bindings.json");
  let bindings: Bindings | undefined;
  if (bindingsJson.ok) {
    const r = validateBindings(bindingsJson.value);
    if (r.ok) bindings = r.bindings;
    else for (const p of r.problems) add("bindings.json", p.path, p.message);
    checkRefs("bindings.json", bindingsJson.value);
    if (manifest) for (const p of stateRefProblems(bindingsJson.value, manifest.state.schema)) add("bindings.json", p.path, p.message);
  }

  // styles.css
  for (const p of checkStyles(text["styles.css"])) add("styles.css", `${p.line}:${p.col}`, p.message, true);

  // handlers.star
  if (typeof files["handlers.star"] === "string") {
    const handlers: Record<string, string> = {};
    for (const [name, cmd] of Object.entries(manifest?.commands ?? rawCommands)) {
      if (isPlainObject(cmd) && typeof cmd.handler === "string" && cmd.meta !== true) handlers[name] = cmd.handler;
    }
    for (const p of checkHandlers(text["handlers.star"], handlers)) {
      if (p.line > 0) add("handlers.star", `${p.line}:${p.col}`, p.message, true);
      else add("handlers.star", "", p.message);
    }
  }

  if (problems.length > 0 || !manifest || !bindings) return { ok: false, problems };
  return {
    ok: true,
    plugin: {
      manifest,
      files: { ...files },
      initialState,
      ui: uiJson.value as UiNode,
      bindings,
      styles: text["styles.css"],
      budgets: resolveBudgets(manifest.budgets),
    },
  };
}

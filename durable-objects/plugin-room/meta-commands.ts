/**
 * Meta-commands change a plugin's files through the same dispatch path as any command: they are
 * checked first, then recorded with the file changes so history and export show them.
 */
import { checkHandlerSource } from "./handler-runtime";
import { validateBindings } from "../../lib/sdui/bindings";
import { validateUiTree } from "../../lib/sdui/validate-tree";
import type { JsonValue } from "../../lib/protocol/events";
import { checkSubset } from "../../lib/plugin/json-schema";
import { checkStyles } from "../../lib/plugin/styles-check";
import type { CommandError } from "../../lib/protocol/dispatch";

export const MAX_STYLES_BYTES = 65_536;

export interface FileChange {
  files: Record<string, string | null>;
  /** The room event to broadcast for the change. */
  event: "ui" | "styles" | "bindings" | "commands";
  value: JsonValue;
}

type Params = Record<string, JsonValue>;
type Outcome = { ok: true; change: FileChange } | { ok: false; error: CommandError };

const fail = (code: string, message: string, details?: JsonValue): Outcome => ({ ok: false, error: { code, message, ...(details === undefined ? {} : { details }) } });
const problemsOf = (problems: { path: string; message: string }[]) => problems.map((p) => ({ path: p.path, message: p.message }));

function setUi(p: Params): Outcome {
  const checked = validateUiTree(p.tree);
  if (!checked.ok) return fail("invalid_ui", "the UI tree is invalid", problemsOf(checked.problems));
  return { ok: true, change: { files: { "ui.json": JSON.stringify(p.tree, null, 2) }, event: "ui", value: p.tree as JsonValue } };
}

function setBindings(p: Params): Outcome {
  const checked = validateBindings(p.bindings);
  if (!checked.ok) return fail("invalid_bindings", "the input bindings are invalid", problemsOf(checked.problems));
  return { ok: true, change: { files: { "bindings.json": JSON.stringify(p.bindings, null, 2) }, event: "bindings", value: p.bindings as JsonValue } };
}

function setStyles(p: Params): Outcome {
  if (typeof p.css !== "string") return fail("invalid_params", "set_styles needs params.css, a string");
  if (new TextEncoder().encode(p.css).length > MAX_STYLES_BYTES) return fail("invalid_styles", `styles are limited to ${MAX_STYLES_BYTES} bytes`);
  const problems = checkStyles(p.css);
  if (problems.length) return fail("invalid_styles", `the styles are refused: ${problems.map((x) => x.message).join("; ")}`, problemsOf(problems.map((x) => ({ path: `${x.line}:${x.col}`, message: x.message }))));
  return { ok: true, change: { files: { "styles.css": p.css }, event: "styles", value: p.css } };
}

interface Manifest {
  commands: Record<string, { handler: string; description?: string; params?: JsonValue }>;
  [key: string]: JsonValue | Manifest["commands"] | undefined;
}

const NAME = /^[a-z_][a-z0-9_]{0,63}$/;

function registerCommand(p: Params, manifest: Manifest): Outcome {
  const { name, source, description = "", params = { type: "object" } } = p;
  const handler = typeof p.handler === "string" ? p.handler : name;
  if (typeof name !== "string" || !NAME.test(name)) return fail("invalid_params", "register_command needs params.name: lowercase letters, digits and _");
  if (META_COMMANDS.has(name)) return fail("invalid_params", `${name} is a meta-command and cannot be replaced`);
  if (typeof source !== "string" || source.length > 65_536) return fail("invalid_params", "register_command needs params.source, Starlark of at most 64 KB");
  if (typeof handler !== "string" || !NAME.test(handler)) return fail("invalid_params", "params.handler must name a function");
  const schemaProblems = tryValidator(params);
  if (schemaProblems) return fail("invalid_params", `params.params is not a usable JSON Schema: ${schemaProblems}`);
  const check = checkHandlerSource(source, `commands/${name}.star`, [handler]);
  if (!check.ok) return fail("invalid_handler", check.message, check.details as JsonValue);
  const commands = { ...manifest.commands, [name]: { handler, description: String(description || `${name} (registered at run time)`), params, example: {} } };
  const next = { ...manifest, commands };
  return {
    ok: true,
    change: { files: { "plugin.json": JSON.stringify(next, null, 2), [`commands/${name}.star`]: source }, event: "commands", value: Object.keys(commands) },
  };
}

function unregisterCommand(p: Params, manifest: Manifest, files: Record<string, string>): Outcome {
  const name = p.name;
  if (typeof name !== "string" || !manifest.commands[name]) return fail("unknown_command", `there is no command ${String(name)} to unregister`);
  const { [name]: _removed, ...commands } = manifest.commands;
  const change: Record<string, string | null> = { "plugin.json": JSON.stringify({ ...manifest, commands }, null, 2) };
  if (files[`commands/${name}.star`] !== undefined) change[`commands/${name}.star`] = null;
  return { ok: true, change: { files: change, event: "commands", value: Object.keys(commands) } };
}

function tryValidator(schema: JsonValue): string | null {
  const problems = checkSubset(schema);
  if (!problems.length && (schema as { type?: unknown } | null)?.type !== "object") return 'params must be a schema with type "object"';
  return problems.length ? problems.map((p) => `${p.path || "(root)"}: ${p.message}`).join("; ") : null;
}

/** Commands every room implements natively; they need the admin role. */
export const META_COMMANDS = new Set(["set_ui", "register_command", "unregister_command", "set_input_bindings", "set_styles"]);

export function runMetaCommand(command: string, params: Params, files: Record<string, string>): Outcome {
  const manifest = JSON.parse(files["plugin.json"]!) as Manifest;
  switch (command) {
    case "set_ui":
      return setUi(params);
    case "set_input_bindings":
      return setBindings(params);
    case "set_styles":
      return setStyles(params);
    case "register_command":
      return registerCommand(params, manifest);
    case "unregister_command":
      return unregisterCommand(params, manifest, files);
    default:
      return fail("unknown_command", `unknown meta-command ${command}`);
  }
}

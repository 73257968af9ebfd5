/**
 * Runs plugin handlers in a room: loads a Starlark file once per source (lib/plugin's
 * loadHandlers: the `math` module predeclared, globals frozen) and calls a handler under the
 * plugin's budgets (lib/plugin's runHandler). Handlers see only their arguments: no time,
 * randomness or I/O. Workers' clock does not advance during pure computation, so the step budget
 * is what stops a runaway handler there; the time budget guards the same code in Node.
 */
import { loadHandlers } from "../../lib/plugin/handlers-check";
import { runHandler as callHandler } from "../../lib/plugin/run-handler";
import type { Value } from "../../lib/starlark";
import type { HandlerContext } from "../../lib/protocol/dispatch";
import type { JsonValue } from "../../lib/protocol/events";
import { resolveBudgets, type Budgets } from "../../lib/protocol/plugin";

export type HandlerRun = { ok: true; value: JsonValue; steps: number; stateValue?: Value } | { ok: false; code: string; message: string; details?: JsonValue };
type Loaded = { ok: true; globals: ReadonlyMap<string, Value> } | { ok: false; message: string; details: JsonValue };

/** Loaded modules by file and source; a plugin's files rarely change. */
const modules = new Map<string, Loaded>();
const MAX_CACHED = 64;

function load(source: string, file: string): Loaded {
  const key = `${file}\u0000${source}`;
  let entry = modules.get(key);
  if (entry) return entry;
  const loaded = loadHandlers(source);
  entry = loaded.ok
    ? { ok: true, globals: loaded.globals }
    : { ok: false, message: `${file}: ${loaded.problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join("; ")}`, details: loaded.problems as unknown as JsonValue };
  if (modules.size >= MAX_CACHED) modules.delete(modules.keys().next().value!);
  modules.set(key, entry);
  return entry;
}

export interface HandlerCall {
  source: string;
  file: string;
  handler: string;
  state: JsonValue;
  params: Record<string, JsonValue>;
  ctx: HandlerContext;
  budgets: Partial<Budgets> | undefined;
  /** `state` already as the frozen Starlark value a previous run returned, to skip converting it. */
  stateValue?: Value;
}

/** Calls one handler; every failure (syntax, runtime, fail(), budget, bad value) is a result, never a throw. */
export function runHandler(h: HandlerCall): HandlerRun {
  const mod = load(h.source, h.file);
  if (!mod.ok) return { ok: false, code: "handler_error", message: mod.message, details: mod.details };
  const out = callHandler(mod.globals, h.handler, { state: h.state, params: h.params, ctx: h.ctx as unknown as JsonValue }, resolveBudgets(h.budgets), { now: Date.now, stateValue: h.stateValue });
  if (!out.ok) {
    const code = out.code === "budget_exceeded" || out.code === "bad_result" ? out.code : "handler_error";
    return { ok: false, code, message: out.message, details: { reason: out.code, line: out.line ?? null, col: out.col ?? null, steps: out.steps } };
  }
  return { ok: true, value: out.result as unknown as JsonValue, steps: out.steps, stateValue: out.stateValue };
}

/** Compiles handler source and checks it defines each named function (for register_command). */
export function checkHandlerSource(source: string, file: string, handlers: string[]): { ok: true } | { ok: false; message: string; details?: JsonValue } {
  const mod = load(source, file);
  if (!mod.ok) return mod;
  const missing = handlers.filter((name) => !mod.globals.has(name));
  if (missing.length) return { ok: false, message: `${file} does not define ${missing.join(", ")}` };
  return { ok: true };
}

import type { Budgets, CommandResult } from "../protocol/plugin.ts";
import { CommandResultShapeSchema } from "../protocol/plugin.ts";
import type { Value } from "../starlark/index.ts";
import { call, freeze, fromStarlark, SDict, SFunction, StarlarkError, toStarlark } from "../starlark/index.ts";
import { dictGet } from "../starlark/values/hashtable.ts";
import type { JsonValue } from "./json-schema.ts";
import { isPlainObject, joinPath } from "./json-schema.ts";

/** Why a handler call did not produce a CommandResult. */
export type HandlerFailureCode =
  /** the handler called fail(...) */
  | "failed"
  /** any other Starlark error (type errors, missing keys, ...) */
  | "runtime_error"
  /** steps, memory, depth or time ran out */
  | "budget_exceeded"
  /** the handler returned something that is not a CommandResult dict */
  | "bad_result"
  /** the handler name is not a function in handlers.star */
  | "no_handler";

export type HandlerOutcome =
  /** `stateValue`: the new state as a frozen Starlark value, to pass back as `options.stateValue` next time */
  | { ok: true; result: CommandResult; steps: number; stateValue?: Value }
  | { ok: false; code: HandlerFailureCode; message: string; line?: number; col?: number; steps: number };

export interface HandlerInput {
  state: JsonValue;
  params: JsonValue;
  /** what the host tells the handler about the call (identity, command, version, ...) */
  ctx: JsonValue;
}

export interface RunHandlerOptions {
  /** clock in milliseconds for time_ms; the deadline is not enforced without one */
  now?: () => number;
  /** receives print() output */
  print?: (message: string) => void;
  /**
   * The state already as a frozen Starlark value (a previous outcome's `stateValue`), so it is not
   * converted again; `input.state` must be the same state. Handlers must then copy on write.
   */
  stateValue?: Value;
}

const FAIL_PREFIX = "fail: ";

/**
 * Calls one command handler from loaded handlers.star globals under the plugin's budgets, with
 * state, params and ctx converted to Starlark, and checks that it returns a CommandResult dict.
 * Never throws for handler faults. Validating the new state against the state schema is the
 * caller's job.
 *
 * @example runHandler(globals, "add_node", { state, params: { x: 1, y: 2 }, ctx: {} }, budgets, { now: Date.now })
 */
export function runHandler(globals: ReadonlyMap<string, Value>, handler: string, input: HandlerInput, budgets: Budgets, options: RunHandlerOptions = {}): HandlerOutcome {
  const fn = globals.get(handler);
  if (!(fn instanceof SFunction)) return { ok: false, code: "no_handler", message: `handlers.star has no function ${handler}`, steps: 0 };
  let args: Value[];
  try {
    // State is read-only for handlers (they return a new one), whether converted now or kept frozen from the last command.
    const state = options.stateValue ?? toStarlark(input.state);
    if (!options.stateValue) freeze(state);
    args = [state, toStarlark(input.params), toStarlark(input.ctx)];
  } catch (e) {
    return { ok: false, code: "bad_result", message: `cannot pass input to the handler: ${e instanceof Error ? e.message : String(e)}`, steps: 0 };
  }
  const { now, print } = options;
  const r = call(fn, args, [], {
    budgets: {
      steps: budgets.steps,
      allocBytes: budgets.memory_bytes,
      depth: budgets.call_depth,
      ...(now ? { now, deadline: now() + budgets.time_ms } : {}),
    },
    ...(print ? { print } : {}),
  });
  if (!r.ok) {
    const e = r.error;
    const at = e.pos ? { line: e.pos.line, col: e.pos.col } : {};
    if (e.code === "budget_exceeded") return { ok: false, code: "budget_exceeded", message: e.message, ...at, steps: r.steps };
    if (e.message.startsWith(FAIL_PREFIX)) return { ok: false, code: "failed", message: e.message.slice(FAIL_PREFIX.length), ...at, steps: r.steps };
    return { ok: false, code: "runtime_error", message: e.message, ...at, steps: r.steps };
  }
  let json: JsonValue;
  try {
    // Freezes the result in the same walk: only its state is kept (as stateValue), and the rest is
    // dropped, so freezing all of it is unobservable and saves a second walk over the state.
    json = fromStarlark(r.value, { freeze: true });
  } catch (e) {
    return { ok: false, code: "bad_result", message: `the handler's result is not JSON data: ${e instanceof StarlarkError ? e.message : String(e)}`, steps: r.steps };
  }
  if (!isPlainObject(json)) return { ok: false, code: "bad_result", message: `${handler} must return a dict such as {"state": ...}, got ${json === null ? "None" : Array.isArray(json) ? "a list" : typeof json}`, steps: r.steps };
  // fromStarlark returns JSON only, so the payloads need no deep walk.
  const parsed = CommandResultShapeSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = first.code === "unrecognized_keys" ? joinPath([...first.path.map(String), first.keys[0] ?? ""]) : joinPath(first.path.map(String));
    return { ok: false, code: "bad_result", message: `${handler} returned a bad CommandResult at ${where || "the root"}: ${first.message}`, steps: r.steps };
  }
  const stateValue = r.value instanceof SDict ? dictGet(r.value, "state") : undefined;
  if (stateValue === undefined) return { ok: true, result: parsed.data, steps: r.steps };
  return { ok: true, result: parsed.data, steps: r.steps, stateValue };
}

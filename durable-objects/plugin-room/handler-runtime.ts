/**
 * Runs plugin handlers: compiles a Starlark file once per source, runs its top level (globals are
 * frozen), and calls `handler(state, params, ctx)` under the plugin's budgets. Handlers see only
 * their arguments and the predeclared `math` module: no time, randomness or I/O.
 */
import { SBuiltin, SFloat, SModule, StarlarkError, call, compile, fromStarlark, run, toStarlark, type Program, type Value } from "../../lib/starlark";
import type { JsonValue } from "../../lib/protocol/events";
import type { HandlerContext } from "../../lib/protocol/dispatch";

/** Per-plugin budgets as the manifest declares them, each capped by the platform maxima. */
export interface Budgets {
  steps?: number;
  memory_bytes?: number;
  call_depth?: number;
  time_ms?: number;
}

export const PLATFORM_BUDGETS: Required<Budgets> = { steps: 5_000_000, memory_bytes: 64 * 1024 * 1024, call_depth: 200, time_ms: 2_000 };
const DEFAULT_BUDGETS: Required<Budgets> = { steps: 1_000_000, memory_bytes: 32 * 1024 * 1024, call_depth: 100, time_ms: 1_000 };

export type HandlerRun = { ok: true; value: JsonValue; steps: number } | { ok: false; code: string; message: string; details?: JsonValue };

function num(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof SFloat) return v.v;
  throw new StarlarkError("runtime", `math: want a number, got ${typeof v}`);
}

const fn1 = (name: string, f: (x: number) => number) => new SBuiltin(name, (_th, args) => new SFloat(f(num(args[0]!))));

/** The `math` module handlers may use (deterministic functions only). */
const MATH = new SModule(
  "math",
  new Map<string, Value>([
    ["pi", new SFloat(Math.PI)],
    ["e", new SFloat(Math.E)],
    ["sin", fn1("sin", Math.sin)],
    ["cos", fn1("cos", Math.cos)],
    ["tan", fn1("tan", Math.tan)],
    ["sqrt", fn1("sqrt", Math.sqrt)],
    ["floor", new SBuiltin("floor", (_th, args) => Math.floor(num(args[0]!)))],
    ["ceil", new SBuiltin("ceil", (_th, args) => Math.ceil(num(args[0]!)))],
    ["round", new SBuiltin("round", (_th, args) => Math.round(num(args[0]!)))],
    ["atan2", new SBuiltin("atan2", (_th, args) => new SFloat(Math.atan2(num(args[0]!), num(args[1]!))))],
    ["hypot", new SBuiltin("hypot", (_th, args) => new SFloat(Math.hypot(num(args[0]!), num(args[1]!))))],
  ]),
);

const PREDECLARED = new Map<string, Value>([["math", MATH]]);

interface Module {
  globals: Map<string, Value>;
}

/** Compiled and initialised modules by source text; a plugin's files rarely change. */
const modules = new Map<string, Module | { error: HandlerRun & { ok: false } }>();
const MAX_CACHED = 64;

function describe(err: StarlarkError): { code: string; message: string; details: JsonValue } {
  const code = err.code === "budget_exceeded" ? "budget_exceeded" : "handler_error";
  const pos = err.pos ? { file: err.pos.file, line: err.pos.line, col: err.pos.col } : null;
  return { code, message: err.message, details: { starlark_code: err.code, budget: err.budget ?? null, pos, trace: err.format() } };
}

function moduleFor(source: string, file: string): Module | { error: HandlerRun & { ok: false } } {
  const cacheKey = `${file}\u0000${source}`;
  const cached = modules.get(cacheKey);
  if (cached) return cached;
  const compiled = compile(source, file, { predeclared: PREDECLARED });
  let entry: Module | { error: HandlerRun & { ok: false } };
  if (!compiled.ok) {
    const e = compiled.errors[0]!;
    entry = { error: { ok: false, code: "handler_error", message: `${file} does not compile: ${e.message}`, details: compiled.errors.map((x) => x.format()) } };
  } else {
    const ran = run(compiled.program, { budgets: { steps: DEFAULT_BUDGETS.steps, allocBytes: DEFAULT_BUDGETS.memory_bytes, depth: DEFAULT_BUDGETS.call_depth } });
    entry = ran.ok ? { globals: ran.value } : { error: { ok: false, ...describe(ran.error) } };
  }
  if (modules.size >= MAX_CACHED) modules.delete(modules.keys().next().value!);
  modules.set(cacheKey, entry);
  return entry;
}

export interface HandlerCall {
  source: string;
  file: string;
  handler: string;
  state: JsonValue;
  params: Record<string, JsonValue>;
  ctx: HandlerContext;
  budgets: Budgets;
}

/** Calls one handler; every failure (syntax, runtime, budget, unconvertible value) is a result, never a throw. */
export function runHandler(h: HandlerCall): HandlerRun {
  const mod = moduleFor(h.source, h.file);
  if ("error" in mod) return mod.error;
  const fn = mod.globals.get(h.handler);
  if (!fn) return { ok: false, code: "handler_error", message: `${h.file} defines no function ${h.handler}` };
  const b = { ...DEFAULT_BUDGETS, ...h.budgets };
  const limit = (k: keyof Budgets) => Math.min(b[k], PLATFORM_BUDGETS[k]);
  const started = Date.now();
  try {
    const r = call(fn, [toStarlark(h.state), toStarlark(h.params), toStarlark(h.ctx)], [], {
      budgets: { steps: limit("steps"), allocBytes: limit("memory_bytes"), depth: limit("call_depth"), deadline: started + limit("time_ms"), now: Date.now },
    });
    if (!r.ok) return { ok: false, ...describe(r.error) };
    return { ok: true, value: fromStarlark(r.value) as JsonValue, steps: r.steps };
  } catch (err) {
    if (err instanceof StarlarkError) return { ok: false, ...describe(err) };
    return { ok: false, code: "handler_error", message: `the handler failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Compiles handler source and checks it defines each named function (for register_command). */
export function checkHandlerSource(source: string, file: string, handlers: string[]): { ok: true } | { ok: false; message: string; details?: JsonValue } {
  const mod = moduleFor(source, file);
  if ("error" in mod) return { ok: false, message: mod.error.message, details: mod.error.details };
  const missing = handlers.filter((name) => !mod.globals.has(name));
  if (missing.length) return { ok: false, message: `${file} does not define ${missing.join(", ")}` };
  return { ok: true };
}

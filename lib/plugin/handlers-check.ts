import type { Budgets, StarlarkError, Value } from "../starlark/index.ts";
import { compile, run, SFunction, typeName } from "../starlark/index.ts";
import { HANDLER_PARAMS, handlerPredeclared } from "./handler-env.ts";

/** A fault in handlers.star at a 1-based line and column (0:0 when it has no place in the file). */
export interface HandlerProblem {
  line: number;
  col: number;
  message: string;
}

export const HANDLERS_FILE = "handlers.star";

/** Budgets for running handlers.star's top level (constants and defs) once, when it is loaded. */
export const LOAD_BUDGETS: Readonly<Budgets> = Object.freeze({ steps: 200_000, allocBytes: 16 * 1024 * 1024, depth: 50 });

export type LoadedHandlers = { ok: true; globals: Map<string, Value> } | { ok: false; problems: HandlerProblem[] };

function fromError(e: StarlarkError): HandlerProblem {
  return { line: e.pos?.line ?? 0, col: e.pos?.col ?? 0, message: e.message };
}

/**
 * Compiles handlers.star with the host's predeclared names (`math`) and runs its top level under
 * {@link LOAD_BUDGETS}. The globals (frozen) hold the handler functions.
 */
export function loadHandlers(source: string): LoadedHandlers {
  const compiled = compile(source, HANDLERS_FILE, { predeclared: handlerPredeclared() });
  if (!compiled.ok) return { ok: false, problems: compiled.errors.map(fromError) };
  const mod = run(compiled.program, { budgets: { ...LOAD_BUDGETS } });
  if (!mod.ok) return { ok: false, problems: [{ ...fromError(mod.error), message: `while loading: ${mod.error.message}` }] };
  return { ok: true, globals: mod.value };
}

function signature(f: SFunction): string {
  const info = f.code.info;
  const names = f.code.paramNames.map((n, i) => (f.defaults[i] !== undefined ? `${n}=...` : n));
  if (info.hasVarargs) names.splice(info.numPositional, 0, "*args");
  if (info.hasKwargs) names.push("**kwargs");
  return names.join(", ");
}

/**
 * Checks handlers.star: it compiles, its top level runs, and every command's handler is a
 * top-level function taking exactly `(state, params, ctx)`. `commandHandlers` maps command name →
 * handler function name.
 *
 * @example checkHandlers("def add(state, params, ctx):\n    return {}\n", { add_node: "add" }) // []
 */
export function checkHandlers(source: string, commandHandlers: Readonly<Record<string, string>>): HandlerProblem[] {
  const loaded = loadHandlers(source);
  if (!loaded.ok) return loaded.problems;
  const out: HandlerProblem[] = [];
  const checked = new Set<string>();
  for (const [command, handler] of Object.entries(commandHandlers)) {
    if (checked.has(handler)) continue;
    checked.add(handler);
    const f = loaded.globals.get(handler);
    if (f === undefined) {
      out.push({ line: 0, col: 0, message: `no top-level function ${handler} for command ${command}: add "def ${handler}(${HANDLER_PARAMS.join(", ")}):"` });
      continue;
    }
    if (!(f instanceof SFunction)) {
      out.push({ line: 0, col: 0, message: `${handler} (handler of command ${command}) must be a function defined with def, not a value of type ${typeName(f)}` });
      continue;
    }
    const info = f.code.info;
    const exact = f.code.paramNames.length === HANDLER_PARAMS.length && info.numPositional === HANDLER_PARAMS.length && !info.hasVarargs && !info.hasKwargs && f.defaults.every((d) => d === undefined);
    if (!exact) {
      out.push({ line: f.code.pos.line, col: f.code.pos.col, message: `handler ${handler} must take (${HANDLER_PARAMS.join(", ")}); it takes (${signature(f)})` });
    }
  }
  return out;
}

/**
 * Hermetic, budgeted Starlark interpreter.
 *
 * Typical plugin-engine use:
 * ```ts
 * const c = compile(source, "handlers.star");
 * if (!c.ok) throw c.errors[0];
 * const mod = run(c.program, { budgets: { steps: 1e6 } });   // globals frozen
 * if (!mod.ok) throw mod.error;
 * const r = call(mod.value.get("add_node")!, [toStarlark(state), toStarlark(params)], [], {
 *   budgets: { steps: 1e5, allocBytes: 8 << 20, depth: 100, deadline: Date.now() + 50, now: Date.now },
 * });
 * if (r.ok) newState = fromStarlark(r.value); else console.error(r.error.format());
 * ```
 * @module
 */
import type { Kwargs } from "./call.ts";
import type { CompileOptions, Program, Result, RunOptions } from "./program.ts";
import { callFunctionValue, compileSource, runProgram } from "./program.ts";
import type { StarlarkError } from "./errors.ts";
import type { Value } from "./values/value.ts";
import { repr as reprBytes, str as strBytes } from "./values/repr.ts";
import { decodeUtf8, encodeUtf8 } from "./values/utf8.ts";

export { StarlarkError } from "./errors.ts";
export type { BudgetName, ErrorCode, Pos, StackFrame } from "./errors.ts";
export type { Budgets } from "./thread.ts";
export type { CompileOptions, Program, Result, RunOptions } from "./program.ts";
export type { DialectOptions } from "./resolver.ts";
export type { BuiltinFn, Value } from "./values/value.ts";
export type { Thread } from "./thread.ts";
/** Builds the error a host builtin should throw: `throw runtimeError("bad input")`. */
export { runtimeError } from "./errors.ts";
export { SBuiltin, SDict, SFloat, SHost, SList, SModule, SSet, SStruct, STuple } from "./values/value.ts";
export { SFunction } from "./values/function.ts";
export { fromStarlark, toStarlark } from "./convert.ts";
export type { FromStarlarkOptions, JsonValue } from "./convert.ts";
/** Starlark repr(v) as a JS string. Build values from host data with {@link toStarlark}. */
export function repr(v: Value): string {
  return decodeUtf8(reprBytes(v));
}

/** Starlark str(v) as a JS string. */
export function str(v: Value): string {
  return decodeUtf8(strBytes(v));
}
export { typeName } from "./values/ops-core.ts";
export { freeze } from "./freeze.ts";

/**
 * Parses, resolves and compiles `source`. On failure returns every
 * syntax/resolve error found, each with `pos` {file, line, col}.
 * Options: dialect switches (`set`, `globalreassign`, `loadbindsglobally`,
 * `recursion`) and `predeclared` host values.
 */
export function compile(source: string, filename: string, options: CompileOptions = {}): { ok: true; program: Program } | { ok: false; errors: StarlarkError[] } {
  return compileSource(source, filename, options);
}

/**
 * Executes a program's top level. The value is the module's globals,
 * frozen. Never throws: errors (including exhausted budgets) are returned.
 */
export function run(program: Program, options: RunOptions = {}): Result<Map<string, Value>> {
  return runProgram(program, options);
}

/**
 * Calls a Starlark callable with positional and keyword arguments under
 * fresh budgets. Keyword names are plain JS strings.
 */
export function call(fn: Value, args: Value[], kwargs: [string, Value][] = [], options: RunOptions & { recursion?: boolean } = {}): Result<Value> {
  const kw: Kwargs = kwargs.length ? kwargs.map(([k, v]) => [encodeUtf8(k), v] as [string, Value]) : null;
  return callFunctionValue(fn, args, kw, options, { recursion: options.recursion ?? false });
}

// Calling functions: argument binding, depth/recursion checks, stack traces.
import { budgetError, runtimeError, StarlarkError, toStarlarkError } from "./errors.ts";
import { Frame } from "./frame.ts";
import { nearest } from "./spell.ts";
import type { Thread } from "./thread.ts";
import { SFunction } from "./values/function.ts";
import { typeName } from "./values/ops-core.ts";
import type { Value } from "./values/value.ts";
import { Cell, SBuiltin, SDict, STuple } from "./values/value.ts";

export type Kwargs = [string, Value][] | null;

const MAX_TRACE = 50;

/** Calls any callable value. */
export function callValue(th: Thread, f: Value, args: Value[], kwargs: Kwargs): Value {
  if (f instanceof SFunction) return callFunction(th, f, args, kwargs);
  if (f instanceof SBuiltin) return callBuiltin(th, f, args, kwargs);
  throw runtimeError(`invalid call of non-function (${typeName(f)})`);
}

export function callBuiltin(th: Thread, f: SBuiltin, args: Value[], kwargs: Kwargs): Value {
  try {
    return f.fn(th, args, kwargs, f.self);
  } catch (e) {
    throw prefixError(e, f.name);
  }
}

/** Adds "name: " to errors raised directly by a builtin. */
export function prefixError(e: unknown, name: string): StarlarkError {
  const err = toStarlarkError(e);
  if (!err.bare && err.cur === null && err.stack_.length === 0 && err.code === "runtime") {
    err.message = `${name}: ${err.message}`;
    err.bare = true;
  }
  return err;
}

function bindArgs(fn: SFunction, args: Value[], kwargs: Kwargs, locals: (Value | Cell | undefined)[]): void {
  const code = fn.code;
  const info = code.info;
  const names = info.paramNames;
  const slots = info.paramSlots;
  const np = info.numPositional;
  const n = args.length;
  const name = code.name;
  let i = 0;
  for (; i < n && i < np; i++) locals[slots[i]!] = args[i]!;
  const nNamed = names.length;
  if (info.hasVarargs) {
    locals[slots[nNamed]!] = new STuple(n > np ? args.slice(np) : []);
  } else if (n > np) {
    throw runtimeError(`function ${name} accepts ${np === 0 ? "no" : `at most ${np}`} positional argument${np === 1 ? "" : "s"} (${n} given)`);
  }
  let kwdict: SDict | null = null;
  if (info.hasKwargs) {
    kwdict = new SDict();
    locals[slots[nNamed + (info.hasVarargs ? 1 : 0)]!] = kwdict;
  }
  if (kwargs !== null) {
    for (const [k, v] of kwargs) {
      const j = names.indexOf(k);
      if (j >= 0) {
        if (locals[slots[j]!] !== undefined) throw runtimeError(`function ${name} got multiple values for parameter ${k}`);
        locals[slots[j]!] = v;
      } else if (kwdict !== null) {
        if (kwdict.m.has(k)) throw runtimeError(`function ${name} got multiple values for parameter ${k}`);
        kwdict.m.set(k, v);
      } else {
        const hint = nearest(k, names);
        throw runtimeError(`function ${name} got an unexpected keyword argument ${k}${hint ? ` (did you mean ${hint}?)` : ""}`);
      }
    }
  }
  const missing: string[] = [];
  for (let j = 0; j < nNamed; j++) {
    if (locals[slots[j]!] !== undefined) continue;
    const d = fn.defaults[j];
    if (d !== undefined) locals[slots[j]!] = d;
    else missing.push(names[j]!);
  }
  if (missing.length > 0) {
    throw runtimeError(`function ${name} missing ${missing.length} argument${missing.length > 1 ? "s" : ""} (${missing.join(", ")})`);
  }
}

/** Calls a Starlark function. */
export function callFunction(th: Thread, fn: SFunction, args: Value[], kwargs: Kwargs): Value {
  const code = fn.code;
  const info = code.info;
  if (th.depth >= th.maxDepth) throw budgetError("depth", `Starlark stack overflow (call depth budget ${th.maxDepth} exceeded)`);
  if (code.running > 0 && !th.recursion && !fn.env.recursion) throw runtimeError(`function ${code.name} called recursively`);
  const locals: (Value | Cell | undefined)[] = new Array(info.numLocals);
  if (kwargs === null && !info.hasVarargs && !info.hasKwargs && args.length === info.paramNames.length && args.length === info.numPositional) {
    const slots = info.paramSlots;
    for (let i = 0; i < args.length; i++) locals[slots[i]!] = args[i]!;
  } else {
    bindArgs(fn, args, kwargs, locals);
  }
  const cells = info.cells;
  for (let i = 0; i < cells.length; i++) locals[cells[i]!] = new Cell(locals[cells[i]!] as Value | undefined);
  if (++th.steps >= th.checkpoint) th.slowStep();
  const fr = new Frame(th, locals, fn.env.globals, fn, fn.env);
  th.depth++;
  code.running++;
  try {
    return code.run(fr);
  } catch (e) {
    throw unwind(e, code.name, code.pos);
  } finally {
    th.depth--;
    code.running--;
  }
}

/** Records a call frame on an error crossing a function boundary. */
export function unwind(e: unknown, name: string, fallback: { file: string; line: number; col: number }): StarlarkError {
  const err = toStarlarkError(e);
  const pos = err.cur ?? fallback;
  if (err.pos === null) err.pos = pos;
  // keep the innermost and the outermost frames of very deep stacks
  if (err.stack_.length >= MAX_TRACE) {
    err.stack_.splice(MAX_TRACE / 2, 1);
    err.elided++;
  }
  err.stack_.push({ name, pos });
  err.cur = null;
  return err;
}

/**
 * Unpacks builtin arguments. spec entries are parameter names; a trailing
 * "?" marks optional ones. Returns values aligned with spec (undefined = absent).
 */
export function unpackArgs(args: Value[], kwargs: Kwargs, spec: string[], maxPositional = spec.length): (Value | undefined)[] {
  const out: (Value | undefined)[] = new Array(spec.length);
  if (args.length > maxPositional) {
    const required = spec.filter((s) => !s.endsWith("?")).length;
    throw runtimeError(
      required === maxPositional ? `got ${args.length} arguments, want ${maxPositional}` : `got ${args.length} arguments, want at most ${maxPositional}`,
    );
  }
  for (let i = 0; i < args.length; i++) out[i] = args[i];
  if (kwargs) {
    for (const [k, v] of kwargs) {
      const j = spec.findIndex((s) => s === k || s === k + "?");
      if (j < 0) throw runtimeError(`unexpected keyword argument ${k}`);
      if (out[j] !== undefined) throw runtimeError(`got multiple values for parameter ${k}`);
      out[j] = v;
    }
  }
  for (let i = 0; i < spec.length; i++) {
    if (out[i] === undefined && !spec[i]!.endsWith("?")) throw runtimeError(`missing argument for ${spec[i]}`);
  }
  return out;
}

export function noKwargs(kwargs: Kwargs): void {
  if (kwargs !== null && kwargs.length > 0) throw runtimeError("unexpected keyword arguments");
}

export { StarlarkError };

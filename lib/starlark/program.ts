// Compiling and running programs: the engine behind the public API in index.ts.
import type { FnInfo } from "./ast.ts";
import { makeUniverse } from "./builtins.ts";
import { callValue, unwind } from "./call.ts";
import type { Kwargs } from "./call.ts";
import type { Ctx } from "./compile-expr.ts";
import type { S, StmtCtx } from "./compile-stmt.ts";
import { compileFn, compileTop } from "./compile-stmt.ts";
import type { Pos } from "./errors.ts";
import { loadError, StarlarkError, toStarlarkError } from "./errors.ts";
import { Frame } from "./frame.ts";
import { freeze } from "./freeze.ts";
import { makeJsonModule } from "./json-module.ts";
import { installCollectionMethods } from "./methods-collections.ts";
import { installStringMethods } from "./methods-string.ts";
import { parse } from "./parser.ts";
import type { DialectOptions } from "./resolver.ts";
import { resolve } from "./resolver.ts";
import type { Budgets } from "./thread.ts";
import { Thread } from "./thread.ts";
import type { ModuleEnv } from "./values/function.ts";
import { decodeUtf8, encodeUtf8 } from "./values/utf8.ts";
import type { Value } from "./values/value.ts";
import { Cell } from "./values/value.ts";

installStringMethods();
installCollectionMethods();
export const UNIVERSE = makeUniverse(makeJsonModule());

export interface CompileOptions extends DialectOptions {
  /** host values visible to the program by name (resolved at compile time) */
  predeclared?: Map<string, Value>;
}

/** A compiled, resolved program; run it any number of times. */
export interface Program {
  readonly file: string;
  readonly globalNames: string[];
  readonly info: FnInfo;
  readonly top: S;
  readonly options: CompileOptions;
  readonly predeclared: Map<string, Value>;
}

/** A successful result or a StarlarkError; `steps` is the work done. */
export type Result<T> = { ok: true; value: T; steps: number } | { ok: false; error: StarlarkError; steps: number };

export interface RunOptions {
  budgets?: Budgets;
  /** resolves `load("name", ...)` to the loaded module's globals */
  load?: (module: string) => Map<string, Value>;
  /** receives print() output */
  print?: (msg: string) => void;
}

/** Parses, resolves and compiles source. Errors carry file:line:col. */
export function compileSource(source: string, file: string, options: CompileOptions = {}): { ok: true; program: Program } | { ok: false; errors: StarlarkError[] } {
  const predeclared = options.predeclared ?? new Map<string, Value>();
  try {
    const ast = parse(encodeUtf8(source), file);
    const { module, errors } = resolve(ast, (n) => predeclared.has(n), (n) => UNIVERSE.has(n), options);
    if (errors.length > 0) return { ok: false, errors: errors.map(publicError) };
    const ctx: StmtCtx = {
      file,
      predeclared,
      universe: UNIVERSE,
      globalNames: module.globals,
      compileFn: compileFn as Ctx["compileFn"],
      load: (fr, name) => {
        const loader = fr.th.loader;
        if (!loader) throw loadError(`cannot load ${name}: no module loader`);
        return loader(name);
      },
    };
    const top = compileTop(ctx, module.file.stmts);
    return { ok: true, program: { file, globalNames: module.globals, info: module.top, top, options, predeclared } };
  } catch (e) {
    const err = toStarlarkError(e);
    if (err.code === "budget_exceeded" || err.code === "runtime") {
      return { ok: false, errors: [new StarlarkError("syntax", "program too deeply nested", { file, line: 1, col: 1 })] };
    }
    return { ok: false, errors: [publicError(err)] };
  }
}

export function newThread(opts: RunOptions, dialect: DialectOptions): Thread {
  const th = new Thread(opts.budgets);
  th.recursion = dialect.recursion ?? false;
  if (opts.print) th.print = opts.print;
  if (opts.load) th.loader = opts.load;
  return th;
}

/** Executes a program's top level in a fresh module; globals are frozen afterwards. */
export function execModule(th: Thread, program: Program): Map<string, Value> {
  const env: ModuleEnv = {
    file: program.file,
    names: program.globalNames,
    globals: new Array(program.globalNames.length),
    predeclared: program.predeclared,
    recursion: program.options.recursion ?? false,
  };
  const locals: (Value | Cell | undefined)[] = new Array(program.info.numLocals);
  for (const c of program.info.cells) locals[c] = new Cell(undefined);
  const fr = new Frame(th, locals, env.globals, null, env);
  const pos: Pos = { file: program.file, line: 1, col: 1 };
  try {
    program.top(fr);
  } catch (e) {
    throw unwind(e, "<toplevel>", pos);
  }
  const out = new Map<string, Value>();
  program.globalNames.forEach((n, i) => {
    const v = env.globals[i];
    if (v !== undefined) out.set(n, v);
  });
  for (const v of out.values()) freeze(v);
  return out;
}

/** Prepares an error for the host: message as a JS string (internally it is UTF-8 bytes). */
export function publicError(e: unknown): StarlarkError {
  const error = toStarlarkError(e);
  if (error.pos === null && error.cur !== null) error.pos = error.cur;
  if (!error.decoded) {
    error.message = decodeUtf8(error.message);
    error.decoded = true;
  }
  return error;
}

function finish<T>(th: Thread, f: () => T): Result<T> {
  try {
    const value = f();
    return { ok: true, value, steps: th.steps };
  } catch (e) {
    return { ok: false, error: publicError(e), steps: th.steps };
  }
}

export function runProgram(program: Program, opts: RunOptions = {}): Result<Map<string, Value>> {
  const th = newThread(opts, program.options);
  return finish(th, () => execModule(th, program));
}

export function callFunctionValue(fn: Value, args: Value[], kwargs: Kwargs, opts: RunOptions = {}, dialect: DialectOptions = {}): Result<Value> {
  const th = newThread(opts, dialect);
  return finish(th, () => {
    try {
      return callValue(th, fn, args, kwargs);
    } catch (e) {
      const err = toStarlarkError(e);
      if (err.pos === null && err.cur !== null) err.pos = err.cur;
      throw err;
    }
  });
}

// Helpers shared by the unit tests.
import type { CompileOptions, Result, RunOptions } from "./program.ts";
import { compileSource, runProgram } from "./program.ts";
import type { StarlarkError } from "./errors.ts";
import { repr } from "./values/repr.ts";
import { decodeUtf8 } from "./values/utf8.ts";
import type { Value } from "./values/value.ts";

/** Compiles and runs src; throws the first compile error. */
export function exec(src: string, opts: CompileOptions & RunOptions = {}): Result<Map<string, Value>> {
  const c = compileSource(src, "test.star", { set: true, ...opts });
  if (!c.ok) throw c.errors[0];
  return runProgram(c.program, opts);
}

/** repr() of expression `expr` evaluated after `setup` (decoded to a JS string). */
export function ev(expr: string, setup = ""): string {
  const r = exec(`${setup}\n__r = ${expr}\n`, { recursion: true });
  if (!r.ok) throw r.error;
  return decodeUtf8(repr(r.value.get("__r")!));
}

/** The error of running src (compile or runtime). */
export function errorOf(src: string, opts: CompileOptions & RunOptions = {}): StarlarkError {
  const c = compileSource(src, "test.star", { set: true, ...opts });
  if (!c.ok) return c.errors[0]!;
  const r = runProgram(c.program, opts);
  if (r.ok) throw new Error(`expected an error from: ${src}`);
  return r.error;
}

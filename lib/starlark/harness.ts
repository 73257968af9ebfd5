// Conformance harness for starlark-go style test files (chunks, ### expectations,
// assert.star). Pure: the caller supplies file contents.
import { builtin } from "./builtins.ts";
import { callValue } from "./call.ts";
import type { StarlarkError } from "./errors.ts";
import { runtimeError, toStarlarkError } from "./errors.ts";
import { freeze } from "./freeze.ts";
import { parse } from "./parser.ts";
import type { CompileOptions, Program } from "./program.ts";
import { compileSource, execModule, newThread } from "./program.ts";
import type { Thread } from "./thread.ts";
import { SFunction } from "./values/function.ts";
import { typeName } from "./values/ops-core.ts";
import { decodeUtf8, encodeUtf8 } from "./values/utf8.ts";
import type { Value } from "./values/value.ts";
import { SFloat, SHost, SList, SModule, SStruct } from "./values/value.ts";
import { UNIVERSE } from "./program.ts";

export interface ChunkResult {
  line: number;
  ok: boolean;
  problems: string[];
}

export interface FileResult {
  file: string;
  chunks: ChunkResult[];
}

interface Expect {
  line: number;
  re: RegExp;
  src: string;
  seen: boolean;
}

/** A value with settable fields and a custom list+x operator (as in starlark-go's tests). */
class HasFields extends SHost {
  readonly typeName = "hasfields";
  readonly attrs = new Map<string, Value>();
  override getAttr(name: string): Value | undefined {
    return this.attrs.get(name);
  }
  override attrNames(): string[] {
    return [...this.attrs.keys()];
  }
  override setAttr(name: string, v: Value): boolean {
    if (this.frozen) throw runtimeError("cannot set field on a frozen hasfields");
    this.attrs.set(name, v);
    return true;
  }
  override binary(op: string, other: Value): Value | undefined {
    return op === "+" && other instanceof SList ? 42 : undefined;
  }
}

class Fibonacci extends SHost {
  readonly typeName = "fibonacci";
  override *iterate(): Generator<Value> {
    let [a, b] = [0, 1];
    for (;;) {
      yield a;
      [a, b] = [b, a + b];
    }
  }
}

function unquote(p: string): string {
  p = p.trim();
  if (p.length >= 2 && p[0] === "`" && p.endsWith("`")) return p.slice(1, -1);
  if (p.length >= 2 && p[0] === '"' && p.endsWith('"')) {
    try {
      return JSON.parse(p) as string;
    } catch {
      return p.slice(1, -1);
    }
  }
  return p;
}

function goRegexp(src: string): RegExp {
  try {
    return new RegExp(src);
  } catch {
    return new RegExp(src.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  }
}

/** Splits a test file into chunks, padding each so line numbers match the file. */
export function splitChunks(text: string): { source: string; line: number }[] {
  const lines = text.split("\n");
  const chunks: { source: string; line: number }[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lines[i] === "---") {
      chunks.push({ source: "\n".repeat(start) + lines.slice(start, i).join("\n"), line: start + 1 });
      start = i + 1;
    }
  }
  return chunks;
}

function expectations(source: string): Expect[] {
  const out: Expect[] = [];
  source.split("\n").forEach((l, i) => {
    const k = l.indexOf("###");
    if (k >= 0) {
      const src = unquote(l.slice(k + 3));
      out.push({ line: i + 1, re: goRegexp(src), src, seen: false });
    }
  });
  return out;
}

/**
 * Runs every chunk of a test file. `read(name)` returns the text of a file
 * in the same folder (for load("assert.star")).
 */
export function runTestFile(name: string, text: string, read: (name: string) => string | null): FileResult {
  const parseOnly = name.startsWith("syntax_errors");
  const results: ChunkResult[] = [];
  const assertCache = new Map<string, Program>();
  let failures: string[] = [];

  const floateq = (a: Value, b: Value): boolean => {
    const x = a instanceof SFloat ? a.v : Number(a);
    const y = b instanceof SFloat ? b.v : Number(b);
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return true;
    const buf = new DataView(new ArrayBuffer(16));
    buf.setFloat64(0, x);
    buf.setFloat64(8, y);
    return Math.abs(Number(buf.getBigInt64(0) - buf.getBigInt64(8))) <= 1;
  };

  const predeclared = new Map<string, Value>([
    ["error", builtin("error", (_th, args) => {
      failures.push(decodeUtf8(args.map((a) => (typeof a === "string" ? a : typeName(a))).join(" ")));
      return null;
    })],
    ["catch", builtin("catch", (th, args) => {
      try {
        callValue(th, args[0]!, [], null);
        return null;
      } catch (e) {
        return toStarlarkError(e).message;
      }
    })],
    ["matches", builtin("matches", (_th, args) => goRegexp(decodeUtf8(args[0] as string)).test(decodeUtf8(args[1] as string)))],
    ["module", builtin("module", (_th, args, kw) => new SModule(args[0] as string, new Map(kw ?? [])))],
    ["_freeze", builtin("freeze", (_th, args) => {
      freeze(args[0]!);
      return null;
    })],
    ["_floateq", builtin("floateq", (_th, args) => floateq(args[0]!, args[1]!))],
    ["struct", builtin("struct", (_th, _args, kw) => new SStruct(new Map(kw ?? [])))],
    ["hasfields", builtin("hasfields", () => new HasFields())],
    ["fibonacci", new Fibonacci()],
  ]);

  const loader = (th: Thread) => (module: string): Map<string, Value> => {
    if (module === "json.star") return new Map([["json", UNIVERSE.get("json")!]]);
    let prog = assertCache.get(module);
    if (!prog) {
      const text = read(module);
      if (text === null) throw toStarlarkError(new Error(`cannot load ${module}: not found`));
      const c = compileSource(text, module, { predeclared, set: true });
      if (!c.ok) throw c.errors[0];
      prog = c.program;
      assertCache.set(module, prog);
    }
    return execModule(th, prog);
  };

  for (const chunk of splitChunks(text)) {
    failures = [];
    const expects = expectations(chunk.source);
    const problems: string[] = [];
    const gotError = (line: number, msg: string): void => {
      const e = expects.find((x) => x.line === line && !x.seen && x.re.test(msg));
      if (e) e.seen = true;
      else problems.push(`unexpected error at line ${line}: ${msg}`);
    };
    const opts: CompileOptions = { predeclared, set: true };
    for (const m of chunk.source.matchAll(/option:(\w+)/g)) (opts as Record<string, boolean>)[m[1]!] = true;
    if (parseOnly) {
      try {
        parse(encodeUtf8(chunk.source), name);
      } catch (e) {
        const err = toStarlarkError(e);
        gotError(err.pos?.line ?? 0, decodeUtf8(err.message));
      }
    } else {
      const c = compileSource(chunk.source, name, opts);
      if (!c.ok) {
        for (const err of c.errors) gotError(err.pos?.line ?? 0, err.message);
      } else {
        const th = newThread({ budgets: { steps: 1e8, depth: 200 } }, opts);
        th.loader = loader(th);
        th.print = () => {};
        try {
          execModule(th, c.program);
        } catch (e) {
          const err: StarlarkError = toStarlarkError(e);
          const frame = err.stack_.find((f) => f.pos.file === name);
          gotError(frame?.pos.line ?? err.pos?.line ?? 0, decodeUtf8(err.message));
        }
      }
    }
    for (const e of expects) if (!e.seen) problems.push(`expected error at line ${e.line} not reported: ${e.src}`);
    for (const f of failures) problems.push(`assertion failed: ${f}`);
    results.push({ line: chunk.line, ok: problems.length === 0, problems });
  }
  return { file: name, chunks: results };
}

export { SFunction };

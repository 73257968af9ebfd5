import type { FuncDef, Node, NodeOf, Pattern } from "./ast";
import type { Meter } from "./budget";
import { JqError, runtimeError } from "./errors";
import { binop, negate } from "./ops";
import { indexValue } from "./paths";
import type { Path } from "./paths";
import { applyFormat } from "./builtins/formats";
import { checkPath, evalAssign } from "./assign";
import { bind, bindAll, bindAlternatives } from "./bindings";
import { evalPaths, recursePaths } from "./path-eval";
import { isSimple, simple, sized } from "./simple";
import { evalForeach, evalReduce } from "./reduce";
import { describe, isObject, newObject, truthy } from "./values";
import type { Value } from "./values";

/** A value paired with its path from the root (null when the value is not a path expression). */
export type PV = [Value, Path | null];

/** Lexical environment: a linked list of variable, function, closure-parameter and label frames. */
export type Env = Frame | null;
export type Frame =
  | { t: 0; name: string; value: Value; next: Env }
  | { t: 1; key: string; def: FuncDef; env: Env; next: Env }
  | { t: 2; key: string; body: Node; env: Env; next: Env }
  | { t: 3; name: string; id: object; next: Env };

/** A native builtin: value mode and optional path mode. */
export interface Native {
  eval(it: Interp, args: Node[], input: Value, env: Env): Iterable<Value>;
  /** Present when the builtin yields exactly one value per argument combination. */
  one?(input: Value, ...args: Value[]): Value;
  paths?(it: Interp, args: Node[], input: Value, path: Path | null, env: Env): Iterable<PV>;
}

/** Records the innermost failing expression's position on a runtime error. */
function at(e: unknown, n: Node): unknown {
  if (e instanceof JqError && e.pos === undefined && e.code === "runtime") e.pos = n.span.pos;
  return e;
}

export class BreakSignal {
  constructor(readonly id: object) {}
}

export function isCatchable(e: unknown): e is JqError {
  return e instanceof JqError && e.code === "runtime";
}

export interface Library {
  natives: Map<string, Native>;
  prelude: Map<string, FuncDef>;
}

/** The tree-walking evaluator: `eval` yields values, `paths` yields values with their paths. */
export class Interp {
  constructor(readonly meter: Meter, readonly lib: Library) {}

  /** Whether `n` always yields exactly one value, so {@link simple} can evaluate it without generators. */
  isSimple(n: Node): boolean {
    return isSimple(this, n);
  }

  /** Evaluates a node for which {@link isSimple} holds. */
  simple(n: Node, input: Value, env: Env): Value {
    return simple(this, n, input, env);
  }

  /** Charges large results (string repetition, concatenation) to the step budget by size. */
  sized(v: Value): Value {
    return sized(this, v);
  }

  /** Evaluates `n` on `input`: a plain dispatcher returning the node kind's generator (no extra stack frame). */
  eval(n: Node, input: Value, env: Env): Generator<Value, void, undefined> {
    this.meter.tick();
    switch (n.kind) {
      case "identity": return this.evIdentity(n, input, env);
      case "literal": return this.evLiteral(n, input, env);
      case "index": return this.evIndex(n, input, env);
      case "slice": return this.evSlice(n, input, env);
      case "iterate": return this.evIterate(n, input, env);
      case "pipe": return this.evPipe(n, input, env);
      case "comma": return this.evComma(n, input, env);
      case "neg": return this.evNeg(n, input, env);
      case "binop": return this.evBinop(n, input, env);
      case "and": return this.evAnd(n, input, env);
      case "or": return this.evOr(n, input, env);
      case "alt": return this.evAlt(n, input, env);
      case "try": return this.evalTry(n, input, env);
      case "if": return this.evIf(n, input, env);
      case "array": return this.evArray(n, input, env);
      case "object": return this.evObject(n, input, env);
      case "str": return this.evStr(n, input, env);
      case "format": return this.evFormat(n, input, env);
      case "var": return this.evVar(n, input, env);
      case "loc": return this.evLoc(n, input, env);
      case "as": return this.evAs(n, input, env);
      case "reduce": return evalReduce(this, n, input, env);
      case "foreach": return evalForeach(this, n, input, env);
      case "def": return this.evDef(n, input, env);
      case "call": return this.evCall(n, input, env);
      case "label": return this.evLabel(n, input, env);
      case "break": return this.evBreak(n, input, env);
      case "assign": return evalAssign(this, n, input, env);
      case "recurse": return this.evRecurse(n, input, env);
    }
  }

  *evIdentity(n: NodeOf<"identity">, input: Value, env: Env): Generator<Value, void, undefined> {
    yield input;
    return;
  }

  *evLiteral(n: NodeOf<"literal">, input: Value, env: Env): Generator<Value, void, undefined> {
    yield n.value as Value;
    return;
  }

  *evIndex(n: NodeOf<"index">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      if (n.target.kind === "identity" && n.index.kind === "literal") {
        yield indexValue(input, n.index.value as Value);
        return;
      }
      for (const t of this.eval(n.target, input, env)) {
        for (const k of this.eval(n.index, input, env)) yield indexValue(t, k);
      }
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evSlice(n: NodeOf<"slice">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      for (const t of this.eval(n.target, input, env)) {
        for (const to of n.to ? this.eval(n.to, input, env) : [null]) {
          for (const from of n.from ? this.eval(n.from, input, env) : [null]) {
            if (t === null) yield null;
            else if (typeof t === "string" || Array.isArray(t)) {
              const key = newObject();
              key["start"] = from;
              key["end"] = to;
              yield indexValue(t, key);
            } else throw runtimeError(`Cannot index ${describe(t).split(" ")[0]} with object`);
          }
        }
      }
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evIterate(n: NodeOf<"iterate">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      if (this.isSimple(n.target)) yield* this.iterate(this.simple(n.target, input, env));
      else for (const t of this.eval(n.target, input, env)) yield* this.iterate(t);
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evPipe(n: NodeOf<"pipe">, input: Value, env: Env): Generator<Value, void, undefined> {
    if (this.isSimple(n.right)) for (const v of this.eval(n.left, input, env)) yield this.simple(n.right, v, env);
    else for (const v of this.eval(n.left, input, env)) yield* this.eval(n.right, v, env);
    return;
  }

  *evComma(n: NodeOf<"comma">, input: Value, env: Env): Generator<Value, void, undefined> {
    yield* this.eval(n.left, input, env);
    yield* this.eval(n.right, input, env);
    return;
  }

  *evNeg(n: NodeOf<"neg">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      for (const v of this.eval(n.operand, input, env)) yield negate(v);
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evBinop(n: NodeOf<"binop">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      if (this.isSimple(n)) {
        yield this.simple(n, input, env);
        return;
      }
      for (const r of this.eval(n.right, input, env)) {
        for (const l of this.eval(n.left, input, env)) yield this.sized(binop(n.op, l, r));
      }
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evAnd(n: NodeOf<"and">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      for (const l of this.eval(n.left, input, env)) {
        if (!truthy(l)) yield false;
        else for (const r of this.eval(n.right, input, env)) yield truthy(r);
      }
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evOr(n: NodeOf<"or">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      for (const l of this.eval(n.left, input, env)) {
        if (truthy(l)) yield true;
        else for (const r of this.eval(n.right, input, env)) yield truthy(r);
      }
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evAlt(n: NodeOf<"alt">, input: Value, env: Env): Generator<Value, void, undefined> {
    let any = false;
    try {
      for (const v of this.eval(n.left, input, env)) {
        if (truthy(v)) {
          any = true;
          yield v;
        }
      }
    } catch (e) {
      if (!isCatchable(e)) throw e;
    }
    if (!any) yield* this.eval(n.right, input, env);
    return;
  }

  *evIf(n: NodeOf<"if">, input: Value, env: Env): Generator<Value, void, undefined> {
    for (const c of this.eval(n.cond, input, env)) {
      if (truthy(c)) yield* this.eval(n.then, input, env);
      else if (n.else) yield* this.eval(n.else, input, env);
      else yield input;
    }
    return;
  }

  *evArray(n: NodeOf<"array">, input: Value, env: Env): Generator<Value, void, undefined> {
    const out: Value[] = [];
    if (n.body) for (const v of this.eval(n.body, input, env)) out.push(v);
    yield out;
    return;
  }

  *evObject(n: NodeOf<"object">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      yield* this.evalObject(n, 0, newObject(), input, env);
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evStr(n: NodeOf<"str">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      yield* this.evalString(n, 0, "", input, env);
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evFormat(n: NodeOf<"format">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      yield applyFormat(n.name, input);
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evVar(n: NodeOf<"var">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      yield this.lookupVar(n.name, env);
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evLoc(n: NodeOf<"loc">, input: Value, env: Env): Generator<Value, void, undefined> {
    const o = newObject();
    o["file"] = "<top-level>";
    o["line"] = n.line;
    yield o;
    return;
  }

  *evAs(n: NodeOf<"as">, input: Value, env: Env): Generator<Value, void, undefined> {
    for (const v of this.eval(n.source, input, env)) yield* this.evalAs(n, v, input, env);
    return;
  }

  *evDef(n: NodeOf<"def">, input: Value, env: Env): Generator<Value, void, undefined> {
    const frame: Frame = { t: 1, key: `${n.def.name}/${n.def.params.length}`, def: n.def, env: null, next: env };
    frame.env = frame;
    yield* this.eval(n.rest, input, frame);
    return;
  }

  *evCall(n: NodeOf<"call">, input: Value, env: Env): Generator<Value, void, undefined> {
    try {
      // inlined (no evalCall/callDef frames) so that jq recursion uses less of the JS stack
      const r = this.resolve(n, env);
      if ("eval" in r) {
        yield* r.eval(this, n.args, input, env);
        return;
      }
      if ("t" in r && r.t === 2) {
        yield* this.eval(r.body, input, r.env);
        return;
      }
      const def = "t" in r ? r.def : r;
      this.meter.enter();
      try {
        if (def.params.length === 0) yield* this.eval(def.body, input, "t" in r ? r : null);
        else yield* this.bindParams<Value>(def, 0, "t" in r ? r : null, n.args, input, env, undefined);
      } finally {
        this.meter.leave();
      }
      return;
    } catch (e) {
      throw at(e, n);
    }
  }

  *evLabel(n: NodeOf<"label">, input: Value, env: Env): Generator<Value, void, undefined> {
    const id = {};
    try {
      yield* this.eval(n.body, input, { t: 3, name: n.name, id, next: env });
    } catch (e) {
      if (e instanceof BreakSignal && e.id === id) return;
      throw e;
    }
    return;
  }

  *evBreak(n: NodeOf<"break">, input: Value, env: Env): Generator<Value, void, undefined> {
    throw new BreakSignal(this.lookupLabel(n.name, env));
  }

  *evRecurse(n: NodeOf<"recurse">, input: Value, env: Env): Generator<Value, void, undefined> {
    yield* this.recurseValues(input);
    return;
  }


  *iterate(t: Value): Generator<Value, void, undefined> {
    if (Array.isArray(t)) {
      this.meter.tick(t.length >> 4);
      yield* t;
    } else if (isObject(t)) {
      for (const k in t) yield t[k]!;
    } else throw runtimeError(`Cannot iterate over ${describe(t)}`);
  }

  /** `..`: pre-order walk without JS recursion. */
  *recurseValues(v: Value): Generator<Value, void, undefined> {
    const stack: Value[] = [v];
    while (stack.length) {
      const x = stack.pop()!;
      this.meter.tick();
      yield x;
      if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]!);
      else if (isObject(x)) {
        const ks = Object.keys(x);
        for (let i = ks.length - 1; i >= 0; i--) stack.push(x[ks[i]!]!);
      }
    }
  }

  *evalTry(n: NodeOf<"try">, input: Value, env: Env): Generator<Value, void, undefined> {
    const it = this.eval(n.body, input, env);
    for (;;) {
      let r: IteratorResult<Value, void>;
      try {
        r = it.next();
      } catch (e) {
        if (!isCatchable(e)) throw e;
        if (n.handler) {
          // error(null) and break-from-try carry no message; jq passes the value through
          yield* this.eval(n.handler, e.value as Value, env);
        }
        return;
      }
      if (r.done) return;
      yield r.value;
    }
  }

  *evalObject(n: NodeOf<"object">, i: number, acc: Value, input: Value, env: Env): Generator<Value, void, undefined> {
    if (i === n.entries.length) {
      yield acc;
      return;
    }
    const e = n.entries[i]!;
    for (const k of this.eval(e.key, input, env)) {
      if (typeof k !== "string") {
        throw runtimeError(`Object keys must be strings`);
      }
      for (const v of this.eval(e.value, input, env)) {
        const o = newObject();
        Object.assign(o, acc);
        o[k] = v;
        yield* this.evalObject(n, i + 1, o, input, env);
      }
    }
  }

  *evalString(n: NodeOf<"str">, i: number, acc: string, input: Value, env: Env): Generator<Value, void, undefined> {
    if (i === n.parts.length) {
      yield acc;
      return;
    }
    const p = n.parts[i]!;
    if (typeof p === "string") {
      yield* this.evalString(n, i + 1, acc + p, input, env);
      return;
    }
    for (const v of this.eval(p, input, env)) {
      const s = n.format ? (applyFormat(n.format, v) as string) : typeof v === "string" ? v : applyFormat("text", v) as string;
      yield* this.evalString(n, i + 1, acc + s, input, env);
    }
  }

  lookupVar(name: string, env: Env): Value {
    for (let f = env; f; f = f.next) if (f.t === 0 && f.name === name) return f.value;
    if (name === "ENV") return newObject();
    if (name === "__prog_args") return [];
    throw runtimeError(`$${name} is not defined`);
  }

  lookupLabel(name: string, env: Env): object {
    for (let f = env; f; f = f.next) if (f.t === 3 && f.name === name) return f.id;
    throw runtimeError(`$*label-${name} is not defined`);
  }

  // ---- bindings -------------------------------------------------------------

  *evalAs(n: NodeOf<"as">, v: Value, input: Value, env: Env): Generator<Value, void, undefined> {
    if (n.patterns.length === 1) {
      for (const e of this.bind(n.patterns[0]!, v, env)) yield* this.eval(n.body, input, e);
      return;
    }
    yield* this.bindAlternatives(n.patterns, v, env, (e) => this.eval(n.body, input, e));
  }

  /** `?//`: all variables of all patterns are bound (null by default); errors move on to the next pattern. */
  bindAll(patterns: Pattern[], v: Value, env: Env): Generator<Env, void, undefined> {
    return bindAll(this, patterns, v, env);
  }

  bind(p: Pattern, v: Value, env: Env): Generator<Env, void, undefined> {
    return bind(this, p, v, env);
  }

  bindAlternatives<T>(patterns: Pattern[], v: Value, env: Env, body: (e: Env) => Iterable<T>): Generator<T, void, undefined> {
    return bindAlternatives(this, patterns, v, env, body);
  }


  // ---- calls ----------------------------------------------------------------

  resolve(n: NodeOf<"call">, env: Env): Extract<Frame, { t: 1 | 2 }> | FuncDef | Native {
    const key = `${n.name}/${n.args.length}`;
    for (let f = env; f; f = f.next) {
      if ((f.t === 1 || f.t === 2) && f.key === key) return f;
    }
    const d = this.lib.prelude.get(key);
    if (d) return d;
    const nat = this.lib.natives.get(key);
    if (nat) return nat;
    throw runtimeError(`${key} is not defined`);
  }

  /** Calls a jq-defined function; with `path` set, runs the body in path mode. */
  *callDef<T extends Value | PV>(def: FuncDef, defEnv: Env, args: Node[], input: Value, callerEnv: Env, path: Path | null | undefined): Generator<T, void, undefined> {
    this.meter.enter();
    try {
      yield* this.bindParams<T>(def, 0, defEnv, args, input, callerEnv, path);
    } finally {
      this.meter.leave();
    }
  }

  *bindParams<T extends Value | PV>(def: FuncDef, i: number, env: Env, args: Node[], input: Value, callerEnv: Env, path: Path | null | undefined): Generator<T, void, undefined> {
    if (i === def.params.length) {
      if (path === undefined) yield* this.eval(def.body, input, env) as Generator<T, void, undefined>;
      else yield* this.paths(def.body, input, path, env) as Generator<T, void, undefined>;
      return;
    }
    const p = def.params[i]!;
    if (p.startsWith("$")) {
      const name = p.slice(1);
      for (const v of this.eval(args[i]!, input, callerEnv)) {
        const e: Env = { t: 2, key: `${name}/0`, body: { kind: "literal", value: v, span: def.span }, env: null, next: { t: 0, name, value: v, next: env } };
        yield* this.bindParams<T>(def, i + 1, e, args, input, callerEnv, path);
      }
      return;
    }
    const e: Env = { t: 2, key: `${p}/0`, body: args[i]!, env: callerEnv, next: env };
    yield* this.bindParams<T>(def, i + 1, e, args, input, callerEnv, path);
  }

  evalAssign(n: NodeOf<"assign">, input: Value, env: Env): Generator<Value, void, undefined> {
    return evalAssign(this, n, input, env);
  }

  /** The path of a path-mode output, or jq's "Invalid path expression" error. */
  checkPath(p: Path | null, v: Value): Path {
    return checkPath(p, v);
  }

  /** Path mode: yields each output with its path from the root (see path-eval.ts). */
  paths(n: Node, input: Value, path: Path | null, env: Env): Generator<PV, void, undefined> {
    return evalPaths(this, n, input, path, env);
  }

  recursePaths(v: Value, p: Path | null): Generator<PV, void, undefined> {
    return recursePaths(this, v, p);
  }
}

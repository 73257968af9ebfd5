// Expression compiler: AST → JS closures over a Frame.
import type { Binding, Expr, FnInfo, Param } from "./ast.ts";
import { getAttr } from "./attrs.ts";
import { compileCall, compileFunctionValue } from "./compile-call.ts";
import { compileTarget } from "./compile-target.ts";
import type { Pos } from "./errors.ts";
import { runtimeError, StarlarkError, toStarlarkError } from "./errors.ts";
import type { Frame } from "./frame.ts";
import type { FnCode } from "./values/function.ts";
import { dictSet } from "./values/hashtable.ts";
import { forEach } from "./values/iter.ts";
import { keyOf, truth, typeName } from "./values/ops-core.ts";
import { binary, index, slice, unary } from "./values/ops.ts";
import { repr } from "./values/repr.ts";
import type { Value } from "./values/value.ts";
import { Cell, SBytes, SDict, SFloat, SList, SRange, STuple } from "./values/value.ts";

export type E = (fr: Frame) => Value;
export type Assign = (fr: Frame, v: Value) => void;

export interface Ctx {
  file: string;
  predeclared: Map<string, Value>;
  universe: Map<string, Value>;
  globalNames: string[];
  /** compiles a function body (provided by the statement compiler) */
  compileFn: (ctx: Ctx, name: string, info: FnInfo, params: Param[], body: Expr | null, stmts: unknown, at: Pos) => FnCode;
}

export function P(ctx: Ctx, n: { line: number; col: number }): Pos {
  return { file: ctx.file, line: n.line, col: n.col };
}

/** Rethrows e as a StarlarkError, recording pos if no inner position was recorded. */
export function at(e: unknown, pos: Pos): never {
  if (e instanceof StarlarkError) {
    if (e.cur === null) e.cur = pos;
    throw e;
  }
  const err = toStarlarkError(e);
  if (err.cur === null) err.cur = pos;
  throw err;
}

/** Runs the slow step check (budgets, deadline), recording pos on failure. */
export function tick(fr: Frame, pos: Pos): void {
  try {
    fr.th.slowStep();
  } catch (err) {
    at(err, pos);
  }
}

function unbound(kind: string, name: string, pos: Pos): StarlarkError {
  const e = runtimeError(`${kind} variable ${name} referenced before assignment`);
  e.cur = pos;
  return e;
}

export function compileIdent(ctx: Ctx, name: string, b: Binding, pos: Pos): E {
  switch (b.scope) {
    case "local": {
      const i = b.index;
      return (fr) => {
        const v = fr.locals[i];
        if (v === undefined) throw unbound("local", name, pos);
        return v as Value;
      };
    }
    case "cell": {
      const i = b.index;
      return (fr) => {
        const v = (fr.locals[i] as Cell).v;
        if (v === undefined) throw unbound("local", name, pos);
        return v;
      };
    }
    case "free": {
      const i = b.index;
      return (fr) => {
        const v = fr.fn!.freevars[i]!.v;
        if (v === undefined) throw unbound("local", name, pos);
        return v;
      };
    }
    case "global": {
      const i = b.index;
      const kind = b.local ? "local" : "global";
      return (fr) => {
        const v = fr.globals[i];
        if (v === undefined) throw unbound(kind, name, pos);
        return v;
      };
    }
    case "predeclared":
    case "universal": {
      const v = (b.scope === "predeclared" ? ctx.predeclared : ctx.universe).get(name);
      if (v === undefined) {
        return () => {
          const e = runtimeError(`undefined: ${name}`);
          e.cur = pos;
          throw e;
        };
      }
      return () => v;
    }
  }
}

function compileList(ctx: Ctx, items: Expr[]): (fr: Frame) => Value[] {
  const es = items.map((x) => compileExpr(ctx, x));
  const n = es.length;
  return (fr) => {
    const out: Value[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = es[i]!(fr);
    if (n > 0) fr.th.charge(n * 8 + 16);
    return out;
  };
}

export function compileExpr(ctx: Ctx, x: Expr): E {
  switch (x.t) {
    case "ident":
      return compileIdent(ctx, x.name, x.b!, P(ctx, x));
    case "lit": {
      let v: Value;
      if (x.kind === "FLOAT") v = new SFloat(x.value as number);
      else if (x.kind === "BYTES") v = new SBytes(x.value as string);
      else v = x.value;
      return () => v;
    }
    case "paren":
      return compileExpr(ctx, x.x);
    case "list": {
      const items = compileList(ctx, x.items);
      return (fr) => new SList(items(fr));
    }
    case "tuple": {
      const items = compileList(ctx, x.items);
      return (fr) => new STuple(items(fr));
    }
    case "dict": {
      const entries = x.entries.map((e) => ({ k: compileExpr(ctx, e.key), v: compileExpr(ctx, e.value), pos: P(ctx, e.span) }));
      return (fr) => {
        const d = new SDict();
        for (const e of entries) {
          const k = e.k(fr);
          const v = e.v(fr);
          try {
            const key = keyOf(k);
            if (d.m.has(key)) throw runtimeError(`duplicate key: ${repr(k)}`);
            dictSet(fr.th, d, k, v);
          } catch (err) {
            at(err, e.pos);
          }
        }
        return d;
      };
    }
    case "comp":
      return compileComprehension(ctx, x);
    case "unary": {
      const e = compileExpr(ctx, x.x);
      const op = x.op;
      const pos = P(ctx, x);
      if (op === "not") return (fr) => !truth(e(fr));
      return (fr) => {
        const v = e(fr);
        try {
          return unary(op, v);
        } catch (err) {
          return at(err, pos);
        }
      };
    }
    case "binary":
      return compileBinary(ctx, x);
    case "cond": {
      const c = compileExpr(ctx, x.cond);
      const a = compileExpr(ctx, x.a);
      const b = compileExpr(ctx, x.b);
      return (fr) => (truth(c(fr)) ? a(fr) : b(fr));
    }
    case "lambda":
      return compileFunctionValue(ctx, "lambda", x.fn!, x.params, x.body, null, P(ctx, x));
    case "dot": {
      const e = compileExpr(ctx, x.x);
      const name = x.name;
      const pos = P(ctx, x);
      return (fr) => {
        const v = e(fr);
        try {
          return getAttr(fr.th, v, name);
        } catch (err) {
          return at(err, pos);
        }
      };
    }
    case "index": {
      const a = compileExpr(ctx, x.x);
      const b = compileExpr(ctx, x.y);
      const pos = P(ctx, x);
      return (fr) => {
        const v = a(fr);
        const k = b(fr);
        if (v instanceof SList && typeof k === "number" && k >= 0 && k < v.a.length) return v.a[k]!;
        try {
          return index(fr.th, v, k);
        } catch (err) {
          return at(err, pos);
        }
      };
    }
    case "slice": {
      const a = compileExpr(ctx, x.x);
      const lo = x.lo ? compileExpr(ctx, x.lo) : null;
      const hi = x.hi ? compileExpr(ctx, x.hi) : null;
      const st = x.step ? compileExpr(ctx, x.step) : null;
      const pos = P(ctx, x);
      return (fr) => {
        const v = a(fr);
        const l = lo ? lo(fr) : null;
        const h = hi ? hi(fr) : null;
        const s = st ? st(fr) : null;
        try {
          return slice(fr.th, v, l, h, s);
        } catch (err) {
          return at(err, pos);
        }
      };
    }
    case "call":
      return compileCall(ctx, x);
  }
}

function compileBinary(ctx: Ctx, x: Expr & { t: "binary" }): E {
  const a = compileExpr(ctx, x.x);
  const b = compileExpr(ctx, x.y);
  const op = x.op;
  const pos = P(ctx, x);
  if (op === "and") return (fr) => {
    const v = a(fr);
    return truth(v) ? b(fr) : v;
  };
  if (op === "or") return (fr) => {
    const v = a(fr);
    return truth(v) ? v : b(fr);
  };
  const slow = (fr: Frame, u: Value, v: Value): Value => {
    try {
      return binary(fr.th, op, u, v);
    } catch (err) {
      return at(err, pos);
    }
  };
  switch (op) {
    case "+":
      return (fr) => {
        const u = a(fr);
        const v = b(fr);
        if (typeof u === "number" && typeof v === "number") {
          const r = u + v;
          if (r <= 9007199254740991 && r >= -9007199254740991) return r;
        }
        return slow(fr, u, v);
      };
    case "-":
      return (fr) => {
        const u = a(fr);
        const v = b(fr);
        if (typeof u === "number" && typeof v === "number") {
          const r = u - v;
          if (r <= 9007199254740991 && r >= -9007199254740991) return r;
        }
        return slow(fr, u, v);
      };
    case "<":
      return (fr) => {
        const u = a(fr);
        const v = b(fr);
        if (typeof u === "number" && typeof v === "number") return u < v;
        return slow(fr, u, v);
      };
    case ">":
      return (fr) => {
        const u = a(fr);
        const v = b(fr);
        if (typeof u === "number" && typeof v === "number") return u > v;
        return slow(fr, u, v);
      };
    case "==":
      return (fr) => {
        const u = a(fr);
        const v = b(fr);
        if (typeof u === "number" && typeof v === "number") return u === v;
        return slow(fr, u, v);
      };
  }
  return (fr) => slow(fr, a(fr), b(fr));
}

function compileComprehension(ctx: Ctx, x: Expr & { t: "comp" }): E {
  const body = compileExpr(ctx, x.body);
  const value = x.value ? compileExpr(ctx, x.value) : null;
  const bodyPos = P(ctx, x.body);
  type Emit = (fr: Frame, acc: SList | SDict) => void;
  let emit: Emit;
  if (value) {
    emit = (fr, acc) => {
      const k = body(fr);
      const v = value(fr);
      try {
        dictSet(fr.th, acc as SDict, k, v);
      } catch (err) {
        at(err, bodyPos);
      }
    };
  } else {
    emit = (fr, acc) => {
      const a = (acc as SList).a;
      a.push(body(fr));
      if ((a.length & 63) === 0) fr.th.charge(512);
    };
  }
  for (let i = x.clauses.length - 1; i >= 0; i--) {
    const c = x.clauses[i]!;
    const inner = emit;
    if (c.t === "if") {
      const cond = compileExpr(ctx, c.cond);
      emit = (fr, acc) => {
        if (truth(cond(fr))) inner(fr, acc);
      };
    } else {
      const iter = compileExpr(ctx, c.iter);
      const assign = compileTarget(ctx, c.vars);
      const pos = P(ctx, c);
      emit = (fr, acc) => {
        const it = iter(fr);
        const th = fr.th;
        if (it instanceof SRange) {
          for (let i = 0; i < it.len; i++) {
            if (++th.steps >= th.checkpoint) tick(fr, pos);
            assign(fr, it.start + i * it.step);
            inner(fr, acc);
          }
          return;
        }
        if (it instanceof SList || it instanceof STuple) {
          const a = it.a;
          if (it instanceof SList) it.iter++;
          try {
            for (let i = 0; i < a.length; i++) {
              if (++th.steps >= th.checkpoint) tick(fr, pos);
              assign(fr, a[i]!);
              inner(fr, acc);
            }
          } finally {
            if (it instanceof SList) it.iter--;
          }
          return;
        }
        const ok =
          typeof it !== "string" &&
          forEach(th, it, (v) => {
            if (++th.steps >= th.checkpoint) tick(fr, pos);
            assign(fr, v);
            inner(fr, acc);
          });
        if (!ok) at(runtimeError(`${typeName(it)} value is not iterable`), pos);
      };
    }
  }
  const isDict = value !== null;
  return (fr) => {
    const acc = isDict ? new SDict() : new SList([]);
    emit(fr, acc);
    return acc;
  };
}

export { compileFunctionValue, compileTarget };

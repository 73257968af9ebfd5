// Compiling calls and function values.
import type { Expr, FnInfo, Param } from "./ast.ts";
import { getAttr, getMethod } from "./attrs.ts";
import { callValue } from "./call.ts";
import type { Kwargs } from "./call.ts";
import type { Ctx, E } from "./compile-expr.ts";
import { at, compileExpr, P } from "./compile-expr.ts";
import type { Pos } from "./errors.ts";
import { runtimeError, toStarlarkError } from "./errors.ts";
import type { Frame } from "./frame.ts";
import { SFunction } from "./values/function.ts";
import { forEach } from "./values/iter.ts";
import { typeName } from "./values/ops-core.ts";
import type { Value } from "./values/value.ts";
import { Cell, dictKey, SDict } from "./values/value.ts";

interface CompiledArgs {
  pos: E[];
  star: E | null;
  kw: [string, E][];
  starstar: E | null;
}

function evalArgs(fr: Frame, ca: CompiledArgs, pos: Pos): [Value[], Kwargs] {
  let args: Value[] = new Array(ca.pos.length);
  for (let i = 0; i < ca.pos.length; i++) args[i] = ca.pos[i]!(fr);
  let kwargs: Kwargs = null;
  if (ca.star) {
    const v = ca.star(fr);
    const extra: Value[] = [];
    if (typeof v === "string" || !forEach(fr.th, v, (x) => void extra.push(x))) {
      at(runtimeError(`argument after * must be iterable, not ${typeName(v)}`), pos);
    }
    args = args.concat(extra);
  }
  if (ca.kw.length > 0) {
    kwargs = [];
    for (const [k, e] of ca.kw) kwargs.push([k, e(fr)]);
  }
  if (ca.starstar) {
    const v = ca.starstar(fr);
    if (!(v instanceof SDict)) return at(runtimeError(`argument after ** must be a mapping, not ${typeName(v)}`), pos);
    kwargs ??= [];
    for (const [mk, x] of v.m) {
      const k = dictKey(v, mk);
      if (typeof k !== "string") return at(runtimeError(`keywords must be strings, not ${typeName(k)}`), pos);
      kwargs.push([k, x]);
    }
  }
  return [args, kwargs];
}

export function compileCall(ctx: Ctx, x: Expr & { t: "call" }): E {
  const pos = P(ctx, x);
  const ca: CompiledArgs = { pos: [], star: null, kw: [], starstar: null };
  for (const a of x.args) {
    const e = compileExpr(ctx, a.x);
    if (a.t === "pos") ca.pos.push(e);
    else if (a.t === "kw") ca.kw.push([a.name, e]);
    else if (a.t === "star") ca.star = e;
    else ca.starstar = e;
  }
  const simple = ca.star === null && ca.kw.length === 0 && ca.starstar === null;
  const posArgs = ca.pos;
  const n = posArgs.length;
  const getArgs = simple
    ? (fr: Frame): [Value[], Kwargs] => {
        const args: Value[] = new Array(n);
        for (let i = 0; i < n; i++) args[i] = posArgs[i]!(fr);
        return [args, null];
      }
    : (fr: Frame): [Value[], Kwargs] => evalArgs(fr, ca, pos);
  if (x.fn.t === "dot") {
    // method call: avoid allocating a bound method
    const recvE = compileExpr(ctx, x.fn.x);
    const name = x.fn.name;
    const dotPos = P(ctx, x.fn);
    return (fr) => {
      const recv = recvE(fr);
      const m = getMethod(recv, name);
      let f: Value;
      if (m === undefined) {
        try {
          f = getAttr(fr.th, recv, name);
        } catch (err) {
          return at(err, dotPos);
        }
      }
      const [args, kwargs] = getArgs(fr);
      try {
        if (m !== undefined) {
          try {
            return m.fn(fr.th, args, kwargs, recv);
          } catch (err) {
            const e = toStarlarkError(err);
            if (!e.bare && e.cur === null && e.stack_.length === 0 && e.code === "runtime") {
              e.message = `${name}: ${e.message}`;
              e.bare = true;
            }
            throw e;
          }
        }
        return callValue(fr.th, f!, args, kwargs);
      } catch (err) {
        return at(err, pos);
      }
    };
  }
  const fnE = compileExpr(ctx, x.fn);
  return (fr) => {
    const f = fnE(fr);
    const [args, kwargs] = getArgs(fr);
    try {
      return callValue(fr.th, f, args, kwargs);
    } catch (err) {
      return at(err, pos);
    }
  };
}

/** Compiles a def/lambda into an expression that creates the function value. */
export function compileFunctionValue(ctx: Ctx, name: string, info: FnInfo, params: Param[], body: Expr | null, stmts: unknown, pos: Pos): E {
  const code = ctx.compileFn(ctx, name, info, params, body, stmts, pos);
  const dflts: (E | null)[] = [];
  for (const p of params) if (p.t === "plain") dflts.push(p.dflt ? compileExpr(ctx, p.dflt) : null);
  const free = info.freevars.map((b) => ({ isFree: b.scope === "free", index: "index" in b ? b.index : 0 }));
  return (fr) => {
    const defaults = dflts.map((d) => (d ? d(fr) : undefined));
    const cells: Cell[] = free.map((b) => (b.isFree ? fr.fn!.freevars[b.index]! : (fr.locals[b.index] as Cell)));
    return new SFunction(code, defaults, cells, fr.env);
  };
}

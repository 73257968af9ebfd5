// Statement compiler. Statement closures return 0 (normal), 1 (break), 2 (continue) or 3 (return).
import type { Expr, FnInfo, Param, Stmt } from "./ast.ts";
import { getAttr } from "./attrs.ts";
import type { Ctx, E } from "./compile-expr.ts";
import { at, compileExpr, compileFunctionValue, compileTarget, P, tick } from "./compile-expr.ts";
import type { Pos } from "./errors.ts";
import { runtimeError } from "./errors.ts";
import type { Frame } from "./frame.ts";
import type { FnCode } from "./values/function.ts";
import { checkHashMutable, dictSet } from "./values/hashtable.ts";
import { forEach, isIterable } from "./values/iter.ts";
import { truth, typeName } from "./values/ops-core.ts";
import { binary, index, setIndex } from "./values/ops.ts";
import type { Value } from "./values/value.ts";
import { Cell, dictKey, SDict, SList, SRange } from "./values/value.ts";
import { setAttr } from "./attrs.ts";

export type S = (fr: Frame) => number;

/** Host hook for load statements: returns the module's exported globals. */
export type LoadHook = (fr: Frame, module: string) => Map<string, Value>;

export interface StmtCtx extends Ctx {
  load: LoadHook;
}

function block(ctx: StmtCtx, stmts: Stmt[]): S {
  const ss = stmts.map((s) => compileStmt(ctx, s));
  const n = ss.length;
  if (n === 0) return () => 0;
  if (n === 1) return ss[0]!;
  if (n === 2) {
    const [a, b] = ss as [S, S];
    return (fr) => {
      const r = a(fr);
      return r !== 0 ? r : b(fr);
    };
  }
  return (fr) => {
    for (let i = 0; i < n; i++) {
      const r = ss[i]!(fr);
      if (r !== 0) return r;
    }
    return 0;
  };
}

/** Augmented assignment x op= y, with list += and dict |= in place. */
function augment(fr: Frame, op: string, x: Value, y: Value): Value {
  if (op === "+" && x instanceof SList && isIterable(y)) {
    if (x.frozen) throw runtimeError("cannot apply += to frozen list");
    if (x.iter > 0) throw runtimeError("cannot apply += to list during iteration");
    const items: Value[] = [];
    forEach(fr.th, y, (v) => void items.push(v));
    fr.th.charge(items.length * 8);
    for (const v of items) x.a.push(v);
    return x;
  }
  if (op === "|" && x instanceof SDict && y instanceof SDict) {
    checkHashMutable(x, "insert into");
    for (const [mk, v] of [...y.m]) dictSet(fr.th, x, dictKey(y, mk), v);
    return x;
  }
  return binary(fr.th, op, x, y);
}

function compileAssign(ctx: StmtCtx, s: Stmt & { t: "assign" }): S {
  const pos = P(ctx, s);
  const rhs = compileExpr(ctx, s.rhs);
  if (s.op === "=") {
    const target = compileTarget(ctx, s.lhs);
    return (fr) => {
      const th = fr.th;
      if (++th.steps >= th.checkpoint) tick(fr, pos);
      try {
        target(fr, rhs(fr));
      } catch (err) {
        at(err, pos);
      }
      return 0;
    };
  }
  const op = s.op.slice(0, -1);
  let lhs: Expr = s.lhs;
  while (lhs.t === "paren") lhs = lhs.x;
  if (lhs.t === "index") {
    const a = compileExpr(ctx, lhs.x);
    const b = compileExpr(ctx, lhs.y);
    return (fr) => {
      const th = fr.th;
      if (++th.steps >= th.checkpoint) tick(fr, pos);
      try {
        const obj = a(fr);
        const k = b(fr);
        const old = index(th, obj, k);
        const y = rhs(fr);
        setIndex(th, obj, k, augment(fr, op, old, y));
      } catch (err) {
        at(err, pos);
      }
      return 0;
    };
  }
  if (lhs.t === "dot") {
    const a = compileExpr(ctx, lhs.x);
    const name = lhs.name;
    return (fr) => {
      const th = fr.th;
      if (++th.steps >= th.checkpoint) tick(fr, pos);
      try {
        const obj = a(fr);
        const old = getAttr(th, obj, name);
        setAttr(obj, name, augment(fr, op, old, rhs(fr)));
      } catch (err) {
        at(err, pos);
      }
      return 0;
    };
  }
  const read = compileExpr(ctx, lhs);
  const write = compileTarget(ctx, lhs);
  if (lhs.t === "ident" && lhs.b?.scope === "local" && (op === "+" || op === "-")) {
    const i = lhs.b.index;
    const plus = op === "+";
    return (fr) => {
      const th = fr.th;
      if (++th.steps >= th.checkpoint) tick(fr, pos);
      const x = fr.locals[i];
      if (typeof x === "number") {
        const y = rhs(fr);
        if (typeof y === "number") {
          const r = plus ? x + y : x - y;
          if (r <= 9007199254740991 && r >= -9007199254740991) {
            fr.locals[i] = r;
            return 0;
          }
        }
        try {
          fr.locals[i] = augment(fr, op, x, y);
        } catch (err) {
          at(err, pos);
        }
        return 0;
      }
      try {
        write(fr, augment(fr, op, read(fr), rhs(fr)));
      } catch (err) {
        at(err, pos);
      }
      return 0;
    };
  }
  return (fr) => {
    const th = fr.th;
    if (++th.steps >= th.checkpoint) tick(fr, pos);
    try {
      const x = read(fr);
      write(fr, augment(fr, op, x, rhs(fr)));
    } catch (err) {
      at(err, pos);
    }
    return 0;
  };
}

function compileFor(ctx: StmtCtx, s: Stmt & { t: "for" }): S {
  const pos = P(ctx, s);
  const iter = compileExpr(ctx, s.iter);
  const body = block(ctx, s.body);
  let v0 = s.vars;
  while (v0.t === "paren") v0 = v0.x;
  const simpleLocal = v0.t === "ident" && v0.b?.scope === "local" ? v0.b.index : -1;
  const assign = compileTarget(ctx, s.vars);
  return (fr) => {
    const th = fr.th;
    if (++th.steps >= th.checkpoint) tick(fr, pos);
    let it: Value;
    try {
      it = iter(fr);
    } catch (err) {
      return at(err, pos);
    }
    if (it instanceof SRange) {
      const { start, step, len } = it;
      for (let i = 0; i < len; i++) {
        if (++th.steps >= th.checkpoint) tick(fr, pos);
        const v = start + i * step;
        if (simpleLocal >= 0) fr.locals[simpleLocal] = v;
        else assign(fr, v);
        const r = body(fr);
        if (r === 1) break;
        if (r === 3) return 3;
      }
      return 0;
    }
    if (it instanceof SList) {
      it.iter++;
      try {
        const a = it.a;
        for (let i = 0; i < a.length; i++) {
          if (++th.steps >= th.checkpoint) tick(fr, pos);
          if (simpleLocal >= 0) fr.locals[simpleLocal] = a[i]!;
          else {
            try {
              assign(fr, a[i]!);
            } catch (err) {
              at(err, pos);
            }
          }
          const r = body(fr);
          if (r === 1) break;
          if (r === 3) return 3;
        }
      } finally {
        it.iter--;
      }
      return 0;
    }
    let result = 0;
    const ok =
      typeof it !== "string" &&
      forEach(th, it, (v) => {
        if (++th.steps >= th.checkpoint) tick(fr, pos);
        try {
          assign(fr, v);
        } catch (err) {
          at(err, pos);
        }
        const r = body(fr);
        if (r === 1) return true;
        if (r === 3) {
          result = 3;
          return true;
        }
        return false;
      });
    if (!ok) at(runtimeError(`${typeName(it)} value is not iterable`), pos);
    return result;
  };
}

export function compileStmt(ctx: StmtCtx, s: Stmt): S {
  const pos = P(ctx, s);
  switch (s.t) {
    case "expr": {
      const e = compileExpr(ctx, s.x);
      return (fr) => {
        const th = fr.th;
        if (++th.steps >= th.checkpoint) tick(fr, pos);
        try {
          e(fr);
        } catch (err) {
          at(err, pos);
        }
        return 0;
      };
    }
    case "assign":
      return compileAssign(ctx, s);
    case "def": {
      const mk = compileFunctionValue(ctx, s.name, s.fn!, s.params, null, s.body, pos);
      const target = compileTarget(ctx, { t: "ident", name: s.name, b: s.b!, line: s.line, col: s.col });
      return (fr) => {
        target(fr, mk(fr));
        return 0;
      };
    }
    case "if": {
      const c = compileExpr(ctx, s.cond);
      const a = block(ctx, s.body);
      const b = block(ctx, s.orelse);
      return (fr) => {
        const th = fr.th;
        if (++th.steps >= th.checkpoint) tick(fr, pos);
        let t: boolean;
        try {
          t = truth(c(fr));
        } catch (err) {
          return at(err, pos);
        }
        return t ? a(fr) : b(fr);
      };
    }
    case "for":
      return compileFor(ctx, s);
    case "while": {
      const c = compileExpr(ctx, s.cond);
      const body = block(ctx, s.body);
      return (fr) => {
        const th = fr.th;
        for (;;) {
          if (++th.steps >= th.checkpoint) tick(fr, pos);
          let t: boolean;
          try {
            t = truth(c(fr));
          } catch (err) {
            return at(err, pos);
          }
          if (!t) return 0;
          const r = body(fr);
          if (r === 1) return 0;
          if (r === 3) return 3;
        }
      };
    }
    case "return": {
      const e = s.x ? compileExpr(ctx, s.x) : null;
      return (fr) => {
        if (e) {
          try {
            fr.ret = e(fr);
          } catch (err) {
            at(err, pos);
          }
        } else fr.ret = null;
        return 3;
      };
    }
    case "break": return () => 1;
    case "continue": return () => 2;
    case "pass": return () => 0;
    case "load": {
      const names = s.names.map((n) => ({ orig: n.orig, assign: compileTarget(ctx, { t: "ident", name: n.local, b: n.b!, line: n.span.line, col: n.span.col }), pos: P(ctx, n.span) }));
      const module = s.module;
      return (fr) => {
        let members: Map<string, Value>;
        try {
          members = ctx.load(fr, module);
        } catch (err) {
          return at(err, pos);
        }
        for (const n of names) {
          const v = members.get(n.orig);
          if (v === undefined) {
            const near = nearestName(n.orig, [...members.keys()]);
            at(runtimeError(`load: name ${n.orig} not found in module ${module}${near ? ` (did you mean ${near}?)` : ""}`), n.pos);
          }
          n.assign(fr, v!);
        }
        return 0;
      };
    }
  }
}

import { nearest as nearestName } from "./spell.ts";

/** Compiles the body of a def or lambda. */
export function compileFn(ctx: Ctx, name: string, info: FnInfo, _params: Param[], body: Expr | null, stmts: unknown, pos: Pos): FnCode {
  let run: (fr: Frame) => Value;
  if (body) {
    const e: E = compileExpr(ctx, body);
    run = e;
  } else {
    const b = block(ctx as StmtCtx, stmts as Stmt[]);
    run = (fr) => (b(fr) === 3 ? fr.ret : null);
  }
  return { name, pos, info, run, paramNames: info.paramNames, numParams: info.paramNames.length, running: 0 };
}

/** Compiles module top-level statements. */
export function compileTop(ctx: StmtCtx, stmts: Stmt[]): S {
  return block(ctx, stmts);
}

export { Cell };

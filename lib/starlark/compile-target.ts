// Compiling assignment targets.
import type { Expr } from "./ast.ts";
import { setAttr } from "./attrs.ts";
import type { Assign, Ctx } from "./compile-expr.ts";
import { at, compileExpr, P } from "./compile-expr.ts";
import { runtimeError } from "./errors.ts";
import type { Frame } from "./frame.ts";
import { forEach } from "./values/iter.ts";
import { typeName } from "./values/ops-core.ts";
import { setIndex } from "./values/ops.ts";
import type { Value } from "./values/value.ts";
import { Cell, SList, STuple } from "./values/value.ts";

/** Unpacks v into n values for tuple/list assignment. */
export function unpack(fr: Frame, v: Value, n: number): Value[] {
  let items: Value[];
  if (v instanceof SList || v instanceof STuple) items = v.a;
  else {
    items = [];
    if (typeof v === "string" || !forEach(fr.th, v, (x) => void items.push(x))) {
      throw runtimeError(`got ${typeName(v)} in sequence assignment`);
    }
  }
  if (items.length < n) throw runtimeError(`too few values to unpack (got ${items.length}, want ${n})`);
  if (items.length > n) throw runtimeError(`too many values to unpack (got ${items.length}, want ${n})`);
  return items;
}

/** Compiles an assignment target. */
export function compileTarget(ctx: Ctx, x: Expr): Assign {
  switch (x.t) {
    case "ident": {
      const b = x.b!;
      const i = "index" in b ? b.index : -1;
      if (b.scope === "local") return (fr, v) => void (fr.locals[i] = v);
      if (b.scope === "cell") return (fr, v) => void ((fr.locals[i] as Cell).v = v);
      if (b.scope === "free") return (fr, v) => void (fr.fn!.freevars[i]!.v = v);
      if (b.scope === "global") return (fr, v) => void (fr.globals[i] = v);
      return () => {
        throw runtimeError(`cannot assign to ${x.name}`);
      };
    }
    case "paren":
      return compileTarget(ctx, x.x);
    case "tuple":
    case "list": {
      const subs = x.items.map((e) => compileTarget(ctx, e));
      const n = subs.length;
      return (fr, v) => {
        const items = unpack(fr, v, n);
        for (let i = 0; i < n; i++) subs[i]!(fr, items[i]!);
      };
    }
    case "index": {
      const a = compileExpr(ctx, x.x);
      const b = compileExpr(ctx, x.y);
      const pos = P(ctx, x);
      return (fr, v) => {
        const obj = a(fr);
        const k = b(fr);
        try {
          setIndex(fr.th, obj, k, v);
        } catch (err) {
          at(err, pos);
        }
      };
    }
    case "dot": {
      const a = compileExpr(ctx, x.x);
      const name = x.name;
      const pos = P(ctx, x);
      return (fr, v) => {
        const obj = a(fr);
        try {
          setAttr(obj, name, v);
        } catch (err) {
          at(err, pos);
        }
      };
    }
    default:
      return () => {
        throw runtimeError("invalid assignment target");
      };
  }
}

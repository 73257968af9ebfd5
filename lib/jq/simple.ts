import type { Node } from "./ast";
import { JqError } from "./errors";
import type { Env, Interp } from "./interp";
import { binop, negate } from "./ops";
import { indexValue } from "./paths";
import { truthy } from "./values";
import type { Value } from "./values";

// Generator-free evaluation of nodes that always yield exactly one value (literals, paths,
// arithmetic, calls to single-output builtins): most per-element work in typical queries.

/** Whether `n` always yields exactly one value, so {@link simple} can evaluate it without generators. */
export function isSimple(it: Interp, n: Node): boolean {
  if (n.simple !== undefined) return n.simple;
  let r: boolean;
  switch (n.kind) {
    case "identity": case "literal": case "var": case "loc": case "format": case "array":
      r = true;
      break;
    case "index": r = isSimple(it, n.target) && isSimple(it, n.index); break;
    case "neg": r = isSimple(it, n.operand); break;
    case "binop": case "and": case "or": case "pipe": r = isSimple(it, n.left) && isSimple(it, n.right); break;
    case "object": r = n.entries.every((e) => isSimple(it, e.key) && isSimple(it, e.value)); break;
    case "str": r = n.parts.every((p) => typeof p === "string" || isSimple(it, p)); break;
    case "if": r = isSimple(it, n.cond) && isSimple(it, n.then) && (!n.else || isSimple(it, n.else)); break;
    case "call": {
      const key = `${n.name}/${n.args.length}`;
      r = n.global === true && !it.lib.prelude.has(key) && it.lib.natives.get(key)?.one !== undefined && n.args.every((a) => isSimple(it, a));
      break;
    }
    default: r = false;
  }
  n.simple = r;
  return r;
}

/** Charges large results (string repetition, concatenation) to the step budget by size. */
export function sized(it: Interp, v: Value): Value {
  if (typeof v === "string" ? v.length > 4096 : Array.isArray(v) && v.length > 4096) it.meter.tick((v as string | Value[]).length >> 6);
  return v;
}

/** Evaluates a node for which {@link isSimple} holds. */
export function simple(it: Interp, n: Node, input: Value, env: Env): Value {
  try {
    return simpleNode(it, n, input, env);
  } catch (e) {
    if (e instanceof JqError && e.pos === undefined && e.code === "runtime") e.pos = n.span.pos;
    throw e;
  }
}

function simpleNode(it: Interp, n: Node, input: Value, env: Env): Value {
  it.meter.tick();
  switch (n.kind) {
    case "identity": return input;
    case "literal": return n.value as Value;
    case "var": return it.lookupVar(n.name, env);
    case "index": return indexValue(simple(it, n.target, input, env), simple(it, n.index, input, env));
    case "neg": return negate(simple(it, n.operand, input, env));
    case "binop": {
      const r = simple(it, n.right, input, env);
      return sized(it, binop(n.op, simple(it, n.left, input, env), r));
    }
    case "and": return truthy(simple(it, n.left, input, env)) && truthy(simple(it, n.right, input, env));
    case "or": return truthy(simple(it, n.left, input, env)) || truthy(simple(it, n.right, input, env));
    case "pipe": return simple(it, n.right, simple(it, n.left, input, env), env);
    case "if":
      if (truthy(simple(it, n.cond, input, env))) return simple(it, n.then, input, env);
      return n.else ? simple(it, n.else, input, env) : input;
    case "call": {
      const f = it.lib.natives.get(`${n.name}/${n.args.length}`)!.one!;
      if (n.args.length === 0) return f(input);
      return f(input, ...n.args.map((a) => simple(it, a, input, env)));
    }
    default: {
      let out: Value = null;
      for (const v of it.eval(n, input, env)) out = v;
      return out;
    }
  }
}

import type { Node } from "./ast";
import type { Env, Interp } from "./interp";
import { binop } from "./ops";
import { getPath, indexValue, setPath } from "./paths";
import { isObject, truthy } from "./values";
import type { Value } from "./values";

/** Returned by a fast update when it cannot handle the case; the caller then runs the general path. */
export const NO_FAST: unique symbol = Symbol("no-fast");
export type FastUpdate = (acc: Value, env: Env) => Value | typeof NO_FAST;

/** Whether evaluating `n` may read its input `.` (conservative). */
export function readsInput(n: Node): boolean {
  switch (n.kind) {
    case "literal": case "var": case "loc": case "break":
      return false;
    case "index": return readsInput(n.target) || readsInput(n.index);
    case "pipe": return readsInput(n.left);
    case "neg": return readsInput(n.operand);
    case "binop": case "and": case "or": case "alt": case "comma": return readsInput(n.left) || readsInput(n.right);
    case "array": return n.body !== undefined && readsInput(n.body);
    case "object": return n.entries.some((e) => readsInput(e.key) || readsInput(e.value));
    case "str": return n.parts.some((p) => typeof p !== "string" && readsInput(p));
    case "as": return readsInput(n.source) || readsInput(n.body);
    default: return true;
  }
}

/** The path keys of `.[a][b]...` with input-free key expressions, or null. */
function indexChain(n: Node): Node[] | null {
  const keys: Node[] = [];
  let cur = n;
  while (cur.kind === "index") {
    if (readsInput(cur.index)) return null;
    keys.unshift(cur.index);
    cur = cur.target;
  }
  return cur.kind === "identity" && keys.length > 0 ? keys : null;
}

function one(it: Interp, n: Node, input: Value, env: Env): Value | typeof NO_FAST {
  if (it.isSimple(n)) return it.simple(n, input, env);
  let out: Value | typeof NO_FAST = NO_FAST;
  let count = 0;
  for (const v of it.eval(n, input, env)) {
    out = v;
    if (++count > 1) return NO_FAST;
  }
  return out;
}

/** Sets `acc[k] = v` in place when `acc` is a container of the right kind. */
function setInPlace(acc: Value, k: Value, v: Value): boolean {
  if (typeof k === "string" && isObject(acc)) {
    acc[k] = v;
    return true;
  }
  if (typeof k === "number" && Array.isArray(acc) && Number.isInteger(k) && k >= 0 && k <= acc.length + 1024) {
    while (acc.length < k) acc.push(null);
    acc[k] = v;
    return true;
  }
  return false;
}

/**
 * For `reduce` updates of the forms `.[k]... op= rhs` and `. + rhs` whose keys and right-hand sides do
 * not read `.`, an updater that mutates the (reduce-owned, shallow-copied) accumulator in place instead
 * of copying it each iteration. Nested containers below the top level are still copied.
 */
export function fastUpdate(it: Interp, update: Node): FastUpdate | null {
  if (update.kind === "assign") {
    const keys = indexChain(update.lhs);
    if (!keys) return null;
    const op = update.op;
    if (op !== "|=" && readsInput(update.rhs)) return null;
    return (acc, env) => {
      const path: Value[] = [];
      for (const k of keys) {
        const v = one(it, k, acc, env);
        if (v === NO_FAST) return NO_FAST;
        path.push(v);
      }
      const cur = getPath(acc, path);
      let nv: Value | typeof NO_FAST;
      if (op === "|=") nv = one(it, update.rhs, cur, env);
      else {
        const rhs = one(it, update.rhs, acc, env);
        if (rhs === NO_FAST) return NO_FAST;
        nv = op === "=" ? rhs : op === "//=" ? (truthy(cur) ? cur : rhs) : binop(op.slice(0, -1), cur, rhs);
      }
      if (nv === NO_FAST) return NO_FAST;
      const [k0, ...rest] = path;
      const top = rest.length ? setPath(indexValue(acc, k0!), rest, nv) : nv;
      return setInPlace(acc, k0!, top) ? acc : NO_FAST;
    };
  }
  if (update.kind === "binop" && update.op === "+" && update.left.kind === "identity" && !readsInput(update.right)) {
    return (acc, env) => {
      const r = one(it, update.right, acc, env);
      if (r === NO_FAST) return NO_FAST;
      if (Array.isArray(acc) && Array.isArray(r)) {
        for (const x of r) acc.push(x);
        return acc;
      }
      if (isObject(acc) && isObject(r)) {
        for (const k in r) acc[k] = r[k]!;
        return acc;
      }
      return NO_FAST;
    };
  }
  return null;
}

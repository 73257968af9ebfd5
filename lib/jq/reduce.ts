import type { NodeOf } from "./ast";
import type { Env, Interp } from "./interp";
import { fastUpdate, NO_FAST } from "./reduce-fast";
import { copyObject } from "./values";
import type { Value } from "./values";

/** `reduce`: one result per init value; the state is the last output of the update (null if none). */
export function* evalReduce(it: Interp, n: NodeOf<"reduce">, input: Value, env: Env): Generator<Value, void, undefined> {
  const fast = fastUpdate(it, n.update);
  for (const init of it.eval(n.init, input, env)) {
    let acc: Value = init;
    let owned = false;
    const simple = it.isSimple(n.update);
    for (const x of it.eval(n.source, input, env)) {
      for (const e of it.bindAll(n.patterns, x, env)) {
        if (fast) {
          if (!owned && acc !== null && typeof acc === "object") {
            acc = Array.isArray(acc) ? acc.slice() : copyObject(acc);
            owned = true;
          }
          const r = fast(acc, e);
          if (r !== NO_FAST) {
            acc = r as Value;
            continue;
          }
          owned = false;
        }
        if (simple) {
          acc = it.simple(n.update, acc, e);
          continue;
        }
        let last: Value = null;
        for (const v of it.eval(n.update, acc, e)) last = v;
        acc = last;
      }
    }
    yield acc;
  }
}

/** `foreach`: emits the extract of every update output; each init value runs separately. */
export function* evalForeach(it: Interp, n: NodeOf<"foreach">, input: Value, env: Env): Generator<Value, void, undefined> {
  for (const init of it.eval(n.init, input, env)) {
    let acc: Value = init;
    for (const x of it.eval(n.source, input, env)) {
      for (const e of it.bindAll(n.patterns, x, env)) {
        for (const v of it.eval(n.update, acc, e)) {
          acc = v;
          if (n.extract) yield* it.eval(n.extract, v, e);
          else yield v;
        }
      }
    }
  }
}

// Mutation of dicts and sets with the frozen / during-iteration checks.
import { runtimeError } from "../errors.ts";
import type { Thread } from "../thread.ts";
import { keyOf } from "./ops-core.ts";
import type { SDict, SSet, Value } from "./value.ts";

export function checkHashMutable(t: SDict | SSet, verb: string): void {
  if (t.frozen) throw runtimeError(`cannot ${verb} frozen hash table`);
  if (t.iter > 0) throw runtimeError(`cannot ${verb} hash table during iteration`);
}

export function dictSet(th: Thread, d: SDict, k: Value, v: Value): void {
  const key = keyOf(k);
  checkHashMutable(d, "insert into");
  if (!d.m.has(key)) {
    th.charge(48);
    if (key !== k) (d.ks ??= new Map()).set(key, k);
  }
  d.m.set(key, v);
}

export function dictGet(d: SDict, k: Value): Value | undefined {
  return d.m.get(keyOf(k));
}

export function dictDelete(d: SDict, k: Value): Value | undefined {
  const key = keyOf(k);
  checkHashMutable(d, "delete from");
  const v = d.m.get(key);
  if (v === undefined) return undefined;
  d.m.delete(key);
  d.ks?.delete(key);
  return v;
}

export function setAdd(th: Thread, s: SSet, x: Value): void {
  const key = keyOf(x);
  checkHashMutable(s, "insert into");
  if (!s.m.has(key)) {
    th.charge(32);
    s.m.set(key, x);
  }
}

// Iteration over Starlark values, with mutation-during-iteration guards.
import { runtimeError } from "../errors.ts";
import type { Thread } from "../thread.ts";
import { typeName } from "./ops-core.ts";
import { decodeRune } from "./utf8.ts";
import type { Value } from "./value.ts";
import { dictKey, SBytes, SDict, SHost, SList, SRange, SSet, SStringView, STuple } from "./value.ts";

export function isIterable(v: Value): boolean {
  return (
    v instanceof SList || v instanceof STuple || v instanceof SDict || v instanceof SSet || v instanceof SRange ||
    v instanceof SStringView || (v instanceof SHost && v.iterate() !== null)
  );
}

function* viewIter(v: SStringView): Generator<Value> {
  const s = v.s;
  if (v.kind === "elems") for (let i = 0; i < s.length; i++) yield v.bytes ? s.charCodeAt(i) : s[i]!;
  else if (v.kind === "elem_ords") for (let i = 0; i < s.length; i++) yield s.charCodeAt(i);
  else {
    for (let i = 0; i < s.length; ) {
      const [c, w] = decodeRune(s, i);
      yield v.kind === "codepoint_ords" ? c : c === 0xfffd && w === 1 ? "\xef\xbf\xbd" : s.slice(i, i + w);
      i += w;
    }
  }
}

/**
 * Calls fn for each element; fn returns true to stop early. Guards the
 * container against mutation while iterating. Returns false if v is not iterable.
 */
export function forEach(th: Thread, v: Value, fn: (x: Value) => boolean | void): boolean {
  if (v instanceof SList) {
    v.iter++;
    try {
      const a = v.a;
      for (let i = 0; i < a.length; i++) if (fn(a[i]!)) break;
    } finally {
      v.iter--;
    }
    return true;
  }
  if (v instanceof STuple) {
    for (const x of v.a) if (fn(x)) break;
    return true;
  }
  if (v instanceof SDict || v instanceof SSet) {
    v.iter++;
    try {
      if (v instanceof SDict) {
        for (const mk of v.m.keys()) if (fn(dictKey(v, mk))) break;
      } else {
        for (const x of v.m.values()) if (fn(x)) break;
      }
    } finally {
      v.iter--;
    }
    return true;
  }
  if (v instanceof SRange) {
    for (let i = 0; i < v.len; i++) {
      if ((i & 255) === 255) th.addSteps(256);
      if (fn(v.start + i * v.step)) break;
    }
    return true;
  }
  let it: Iterator<Value> | null = null;
  if (v instanceof SStringView) it = viewIter(v);
  else if (v instanceof SHost) it = v.iterate();
  if (!it) return false;
  let n = 0;
  for (let r = it.next(); !r.done; r = it.next()) {
    if ((++n & 255) === 0) th.addSteps(256);
    if (fn(r.value)) break;
  }
  return true;
}

/** Elements of an iterable as a fresh array, or throws "got T, want iterable". */
export function toArray(th: Thread, v: Value): Value[] {
  if (v instanceof SList || v instanceof STuple) return v.a.slice();
  const out: Value[] = [];
  const ok = forEach(th, v, (x) => {
    if ((out.push(x) & 1023) === 0) th.charge(8192);
  });
  if (!ok) throw runtimeError(`got ${typeName(v)}, want iterable`);
  th.charge((out.length & 1023) * 8);
  return out;
}

/** Elements without copying when possible (do not mutate the result). */
export function elems(th: Thread, v: Value): Value[] {
  if (v instanceof SList || v instanceof STuple) return v.a;
  return toArray(th, v);
}

/** Length of a sequence-like value, or -1 if it has none. */
export function lenOf(v: Value): number {
  if (typeof v === "string") return v.length;
  if (v instanceof SList || v instanceof STuple) return v.a.length;
  if (v instanceof SDict || v instanceof SSet) return v.m.size;
  if (v instanceof SRange) return v.len;
  if (v instanceof SBytes) return v.s.length;
  if (v instanceof SStringView && v.kind.startsWith("elem")) return v.s.length;
  return -1;
}

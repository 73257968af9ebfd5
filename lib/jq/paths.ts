import { runtimeError } from "./errors";
import { compare, copyObject, describe, getKey, isObject, newObject, typeOf, MAX_DEPTH } from "./values";
import type { JqObject, Value } from "./values";
import { sliceValue, toCodepoints } from "./strings";

export type Path = Value[];

export const MAX_ARRAY_INDEX = 536870911;

function cannotIndex(t: Value, k: Value): never {
  throw runtimeError(`Cannot index ${typeOf(t)} with ${describe(k)}`);
}

/** `t[k]` with jq semantics (objects by key, arrays by index, slices, array-of-array indices, null propagation). */
export function indexValue(t: Value, k: Value): Value {
  if (typeof k === "string") {
    if (isObject(t)) return getKey(t, k);
    if (t === null) return null;
    return cannotIndex(t, k);
  }
  if (typeof k === "number") {
    if (Array.isArray(t)) {
      if (Number.isNaN(k)) return null;
      let i = Math.floor(k);
      if (i < 0) i += t.length;
      return i >= 0 && i < t.length ? t[i]! : null;
    }
    if (t === null) return null;
    return cannotIndex(t, k);
  }
  if (isObject(k) && (Array.isArray(t) || typeof t === "string" || t === null)) {
    if (t === null) return null;
    return sliceValue(t, getKey(k, "start"), getKey(k, "end"));
  }
  if (Array.isArray(k) && Array.isArray(t)) return arrayIndices(t, k);
  if (t === null && (k === null || isObject(k))) return null;
  return cannotIndex(t, k);
}

/** Positions at which array `sub` occurs in `t`. */
export function arrayIndices(t: Value[], sub: Value[]): Value {
  if (sub.length === 0) return null;
  const out: number[] = [];
  for (let i = 0; i + sub.length <= t.length; i++) {
    let ok = true;
    for (let j = 0; j < sub.length; j++) {
      if (compare(t[i + j]!, sub[j]!) !== 0) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(i);
  }
  return out;
}

function checkPath(p: Value): Value[] {
  if (!Array.isArray(p)) throw runtimeError("Path must be specified as an array");
  if (p.length > MAX_DEPTH) throw runtimeError("Path too deep");
  return p;
}

export function getPath(v: Value, p: Value): Value {
  const path = checkPath(p);
  let cur = v;
  for (const k of path) {
    if (cur === null) return null;
    cur = indexValue(cur, k);
  }
  return cur;
}

function sliceBounds(len: number, s: Value, e: Value): [number, number] {
  const fix = (x: Value, dflt: number, round: (n: number) => number): number => {
    if (x === null || (typeof x === "number" && Number.isNaN(x))) return dflt;
    if (typeof x !== "number") throw runtimeError("Start and end indices of an array slice must be numbers");
    let n = round(x);
    if (n < 0) n += len;
    return Math.max(0, Math.min(len, n));
  };
  const a = fix(s, 0, Math.floor);
  const b = fix(e, len, Math.ceil);
  return [a, Math.max(a, b)];
}

function setKey(t: Value, k: Value, nv: Value): Value {
  if (typeof k === "string") {
    if (t !== null && !isObject(t)) cannotIndex(t, k);
    const o = t === null ? newObject() : copyObject(t);
    o[k] = nv;
    return o;
  }
  if (typeof k === "number") {
    if (t !== null && !Array.isArray(t)) cannotIndex(t, k);
    const a = t === null ? [] : t.slice();
    if (Number.isNaN(k)) throw runtimeError("Cannot set array element at NaN index");
    let i = Math.floor(k);
    if (i < 0) {
      i += a.length;
      if (i < 0) throw runtimeError("Out of bounds negative array index");
    }
    if (i > MAX_ARRAY_INDEX) throw runtimeError("Array index too large");
    while (a.length < i) a.push(null);
    a[i] = nv;
    return a;
  }
  if (isObject(k)) {
    if (typeof t === "string") throw runtimeError("Cannot update string slices");
    if (t !== null && !Array.isArray(t)) cannotIndex(t, k);
    if (!Array.isArray(nv)) throw runtimeError("A slice of an array can only be assigned another array");
    const a = t === null ? [] : t;
    const [s, e] = sliceBounds(a.length, getKey(k, "start"), getKey(k, "end"));
    return [...a.slice(0, s), ...nv, ...a.slice(e)];
  }
  if (Array.isArray(k) && Array.isArray(t)) throw runtimeError("Cannot update field at array index of array");
  return cannotIndex(t, k);
}

/** `setpath(p; nv)`, iterative so deep paths do not use the JS stack. */
export function setPath(v: Value, p: Value, nv: Value): Value {
  const path = checkPath(p);
  const stack: Value[] = [];
  let cur = v;
  for (let i = 0; i < path.length; i++) {
    stack.push(cur);
    cur = cur === null ? null : indexValue(cur, path[i]!);
  }
  let out = nv;
  for (let i = path.length - 1; i >= 0; i--) out = setKey(stack[i]!, path[i]!, out);
  return out;
}

function dels(t: Value, keys: Value[]): Value {
  if (t === null) return null;
  if (Array.isArray(t)) {
    const drop = new Uint8Array(t.length);
    for (const k of keys) {
      if (typeof k === "number") {
        if (Number.isNaN(k)) continue;
        let i = Math.floor(k);
        if (i < 0) i += t.length;
        if (i >= 0 && i < t.length) drop[i] = 1;
      } else if (isObject(k)) {
        const [s, e] = sliceBounds(t.length, getKey(k, "start"), getKey(k, "end"));
        for (let i = s; i < e; i++) drop[i] = 1;
      } else throw runtimeError(`Cannot delete field at ${typeOf(k)} index of array`);
    }
    return t.filter((_, i) => !drop[i]);
  }
  if (isObject(t)) {
    const o = copyObject(t);
    for (const k of keys) {
      if (typeof k !== "string") throw runtimeError(`Cannot delete field at index of object`);
      delete o[k];
    }
    return o;
  }
  throw runtimeError(`Cannot delete field at index of ${typeOf(t)}`);
}

function delSorted(t: Value, paths: Value[][], depth: number): Value {
  if (t === null) return null;
  if (depth > MAX_DEPTH) throw runtimeError("Path too deep");
  const delKeys: Value[] = [];
  let out: Value = t;
  let i = 0;
  while (i < paths.length) {
    const key = paths[i]![0]!;
    let j = i;
    const sub: Value[][] = [];
    let deleteHere = false;
    while (j < paths.length && compare(paths[j]![0]!, key) === 0) {
      if (paths[j]!.length === 1) deleteHere = true;
      else sub.push(paths[j]!.slice(1));
      j++;
    }
    if (deleteHere) delKeys.push(key);
    else {
      const child = indexValue(out, key);
      if (child !== null) out = setKey(out, key, delSorted(child, sub, depth + 1));
    }
    i = j;
  }
  return delKeys.length ? dels(out, delKeys) : out;
}

/** `delpaths(ps)`: deletes all paths at once (indices refer to the original arrays). */
export function delPaths(v: Value, ps: Value): Value {
  if (!Array.isArray(ps)) throw runtimeError("Paths must be specified as an array");
  const paths = ps.map(checkPath);
  if (paths.length === 0) return v;
  paths.sort((a, b) => compare(a, b));
  if (paths[0]!.length === 0) return null;
  return delSorted(v, paths, 0);
}

export function keysOf(v: Value): Value[] {
  if (Array.isArray(v)) return v.map((_, i) => i);
  if (isObject(v)) return Object.keys(v as JqObject);
  throw runtimeError(`${describe(v)} has no keys`);
}

export { toCodepoints };

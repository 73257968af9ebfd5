// Conversion between JSON-shaped JS values and Starlark values.
import { unconvertibleError } from "./errors.ts";
import type { StarlarkError } from "./errors.ts";
import { freeze } from "./freeze.ts";
import { formatFloat } from "./values/float.ts";
import { typeName } from "./values/ops-core.ts";
import { decodeUtf8, encodeUtf8 } from "./values/utf8.ts";
import type { Value } from "./values/value.ts";
import { dictKey, SDict, SFloat, SList, STuple } from "./values/value.ts";

/** A JSON value as the host sees it. Objects from fromStarlark have a null prototype. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 1000;

function fail(path: string, msg: string): StarlarkError {
  return unconvertibleError(path ? `${path}: ${msg}` : msg);
}

/**
 * JSON value → Starlark value (objects become dicts in key order, integral
 * numbers become ints). Throws an `unconvertible` StarlarkError for
 * anything else (undefined, functions, NaN, cycles...).
 */
export function toStarlark(x: unknown): Value {
  try {
    return toFast(x, { anc: [], deep: null }, 0);
  } catch (e) {
    if (e !== BAIL) throw e;
  }
  return toStarlarkReference(x);
}

/**
 * The reference conversion: builds the path of every value it visits, so it is used only after
 * the fast path gave up, to return the same value or throw the error with its path.
 */
export function toStarlarkReference(x: unknown): Value {
  const seen = new Set<object>();
  const conv = (v: unknown, path: string, depth: number): Value => {
    if (depth > MAX_DEPTH) throw fail(path, "value nested too deeply");
    switch (typeof v) {
      case "boolean": return v;
      case "string": return encodeUtf8(v);
      case "bigint": return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
      case "number":
        if (!Number.isFinite(v)) throw fail(path, `cannot convert non-finite number ${v}`);
        return Number.isSafeInteger(v) ? v + 0 : new SFloat(v);
      case "object": {
        if (v === null) return null;
        if (seen.has(v)) throw fail(path, "cycle in value");
        seen.add(v);
        let out: Value;
        if (Array.isArray(v)) {
          out = new SList(v.map((e, i) => conv(e, `${path}[${i}]`, depth + 1)));
        } else {
          const proto = Object.getPrototypeOf(v);
          if (proto !== Object.prototype && proto !== null) throw fail(path, `cannot convert ${proto?.constructor?.name ?? "object"}`);
          const d = new SDict();
          for (const k of Object.keys(v)) {
            const sk = encodeUtf8(k);
            d.m.set(sk, conv((v as Record<string, unknown>)[k], `${path}.${k}`, depth + 1));
          }
          out = d;
        }
        seen.delete(v);
        return out;
      }
      default:
        throw fail(path, `cannot convert ${typeof v}`);
    }
  };
  return conv(x, "", 0);
}

/** Options of {@link fromStarlark}. */
export interface FromStarlarkOptions {
  /**
   * Also freeze the value (as `freeze(v)` would after a successful conversion), in the same walk.
   * If the conversion fails, part of the value may be frozen.
   */
  freeze?: boolean;
}

/**
 * Starlark value → JSON value. Lists and tuples become arrays, dicts with
 * string keys become null-prototype objects. Throws an `unconvertible`
 * StarlarkError for sets, functions, non-string keys, NaN/Inf and ints
 * beyond 2^53.
 */
export function fromStarlark(v: Value, options: FromStarlarkOptions = {}): JsonValue {
  const fz = options.freeze === true;
  try {
    return fromFast(v, { anc: [], deep: null }, 0, fz);
  } catch (e) {
    if (e !== BAIL) throw e;
  }
  const out = fromStarlarkReference(v);
  if (fz) freeze(v);
  return out;
}

/** The reference conversion (see {@link toStarlarkReference}): used after the fast path gave up. */
export function fromStarlarkReference(v: Value): JsonValue {
  const seen = new Set<object>();
  const conv = (x: Value, path: string, depth: number): JsonValue => {
    if (depth > MAX_DEPTH) throw fail(path, "value nested too deeply");
    switch (typeof x) {
      case "boolean": return x;
      case "number": return x;
      case "string": return decodeUtf8(x);
      case "bigint": throw fail(path, `int ${x} does not fit in a JSON number`);
    }
    if (x === null) return null;
    if (x instanceof SFloat) {
      if (!Number.isFinite(x.v)) throw fail(path, `cannot convert float ${formatFloat(x.v)}`);
      return x.v;
    }
    if (seen.has(x)) throw fail(path, "cycle in value");
    if (x instanceof SList || x instanceof STuple) {
      seen.add(x);
      const out = x.a.map((e, i) => conv(e, `${path}[${i}]`, depth + 1));
      seen.delete(x);
      return out;
    }
    if (x instanceof SDict) {
      seen.add(x);
      const out: { [key: string]: JsonValue } = Object.create(null);
      for (const [mk, ev] of x.m) {
        const ek = dictKey(x, mk);
        if (typeof ek !== "string") throw fail(path, `dict has ${typeName(ek)} key, want string`);
        const k = decodeUtf8(ek);
        Object.defineProperty(out, k, { value: conv(ev, `${path}.${k}`, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      seen.delete(x);
      return out;
    }
    throw fail(path, `cannot convert ${typeName(x)} to JSON`);
  };
  return conv(v, "", 0);
}

// Fast paths. They keep no paths (a path string per value costs more than the conversion) and
// throw BAIL at the first thing they do not convert; the caller then runs the reference
// conversion, which throws the error with its path. Cycles are found by scanning the ancestors
// (JSON is shallow); ancestors deeper than SCAN are also kept in a set, so the check stays O(1)
// per value on deep input.

/** Thrown by the fast paths; never escapes this module. */
const BAIL: unique symbol = Symbol("bail");
const SCAN = 24;
const { setPrototypeOf } = Object;
const objectProto = Object.prototype;

/** The containers on the path to the value being converted. */
interface Ancestors {
  /** anc[i]: the ancestor at depth i < SCAN */
  anc: object[];
  /** the ancestors at depth >= SCAN */
  deep: Set<object> | null;
}

/** Throws BAIL if x is its own ancestor, else records it as one. */
function enter(c: Ancestors, x: object, depth: number): void {
  const anc = c.anc;
  const n = depth < SCAN ? depth : SCAN;
  for (let i = 0; i < n; i++) if (anc[i] === x) throw BAIL;
  if (depth < SCAN) anc[depth] = x;
  else {
    if (c.deep === null) c.deep = new Set();
    else if (c.deep.has(x)) throw BAIL;
    c.deep.add(x);
  }
}

function toFast(v: unknown, c: Ancestors, depth: number): Value {
  if (depth > MAX_DEPTH) throw BAIL;
  switch (typeof v) {
    case "string": return encodeUtf8(v);
    case "number":
      if (Number.isSafeInteger(v)) return v + 0;
      if (!Number.isFinite(v)) throw BAIL;
      return new SFloat(v);
    case "boolean": return v;
    case "object": break;
    default: throw BAIL;
  }
  if (v === null) return null;
  enter(c, v, depth);
  let out: Value;
  if (Array.isArray(v)) {
    const n = v.length;
    const a: Value[] = [];
    for (let i = 0; i < n; i++) {
      a.push(toFast(v[i], c, depth + 1)); // a hole reads as undefined: BAIL, and the reference keeps it
    }
    out = new SList(a);
  } else {
    const proto = Object.getPrototypeOf(v);
    if (proto !== objectProto && proto !== null) throw BAIL;
    const d = new SDict();
    const m = d.m;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const sk = encodeUtf8(k);
      m.set(sk, toFast(o[k], c, depth + 1));
    }
    out = d;
  }
  if (depth >= SCAN) c.deep!.delete(v);
  return out;
}

/** With `fz`, also marks every list and dict frozen (a JSON-only value reaches nothing else). */
function fromFast(x: Value, c: Ancestors, depth: number, fz: boolean): JsonValue {
  if (depth > MAX_DEPTH) throw BAIL;
  switch (typeof x) {
    case "string": return decodeUtf8(x);
    case "number": return x;
    case "boolean": return x;
    case "object": break;
    default: throw BAIL;
  }
  if (x === null) return null;
  if (x instanceof SFloat) {
    if (!Number.isFinite(x.v)) throw BAIL;
    return x.v;
  }
  let out: JsonValue;
  if (x instanceof SDict) {
    enter(c, x, depth);
    if (fz) x.frozen = true;
    // Built as an ordinary object, then given a null prototype: objects created with a null
    // prototype are slow dictionaries in V8. Assignment equals defineProperty here except for
    // "__proto__", which would call Object.prototype's setter.
    const o: { [key: string]: JsonValue } = {};
    // keys written as floats, tuples, bytes or structs are in ks; the others are the map keys
    if (x.ks !== null && x.ks.size > 0) throw BAIL;
    for (const [k, ev] of x.m) {
      if (typeof k !== "string") throw BAIL;
      const jk = decodeUtf8(k);
      const jv = fromFast(ev, c, depth + 1, fz);
      if (jk === "__proto__") Object.defineProperty(o, jk, { value: jv, enumerable: true, writable: true, configurable: true });
      else o[jk] = jv;
    }
    out = setPrototypeOf(o, null) as { [key: string]: JsonValue };
  } else if (x instanceof SList || x instanceof STuple) {
    enter(c, x, depth);
    if (fz && x instanceof SList) x.frozen = true;
    const a = x.a;
    const n = a.length;
    const arr: JsonValue[] = [];
    for (let i = 0; i < n; i++) arr.push(fromFast(a[i]!, c, depth + 1, fz));
    out = arr;
  } else throw BAIL;
  if (depth >= SCAN) c.deep!.delete(x);
  return out;
}

// Conversion between JSON-shaped JS values and Starlark values.
import { unconvertibleError } from "./errors.ts";
import type { StarlarkError } from "./errors.ts";
import { formatFloat } from "./values/float.ts";
import { typeName } from "./values/ops-core.ts";
import { decodeUtf8, encodeUtf8 } from "./values/utf8.ts";
import type { Value } from "./values/value.ts";
import { Entry, SDict, SFloat, SList, STuple } from "./values/value.ts";

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
            d.m.set(sk, new Entry(sk, conv((v as Record<string, unknown>)[k], `${path}.${k}`, depth + 1)));
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

/**
 * Starlark value → JSON value. Lists and tuples become arrays, dicts with
 * string keys become null-prototype objects. Throws an `unconvertible`
 * StarlarkError for sets, functions, non-string keys, NaN/Inf and ints
 * beyond 2^53.
 */
export function fromStarlark(v: Value): JsonValue {
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
      for (const e of x.m.values()) {
        if (typeof e.k !== "string") throw fail(path, `dict has ${typeName(e.k)} key, want string`);
        const k = decodeUtf8(e.k);
        Object.defineProperty(out, k, { value: conv(e.v, `${path}.${k}`, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      seen.delete(x);
      return out;
    }
    throw fail(path, `cannot convert ${typeName(x)} to JSON`);
  };
  return conv(v, "", 0);
}

import { runtimeError } from "./errors";

/** A JSON value as the host passes it in and gets it back. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A jq runtime value: plain data only (objects have no prototype-inherited members visible). */
export type Value = JsonValue;
export type JqObject = { [key: string]: Value };

export const MAX_DEPTH = 10000;

export function typeOf(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean": return "boolean";
    case "number": return "number";
    case "string": return "string";
    default: return Array.isArray(v) ? "array" : "object";
  }
}

export function isObject(v: Value): v is JqObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function newObject(): JqObject {
  return Object.create(null) as JqObject;
}

export function copyObject(o: JqObject): JqObject {
  const out = newObject();
  for (const k in o) out[k] = o[k]!;
  return out;
}

export function hasKey(o: JqObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export function getKey(o: JqObject, k: string): Value {
  return hasKey(o, k) ? o[k]! : null;
}

export function truthy(v: Value): boolean {
  return v !== null && v !== false;
}

function typeRank(v: Value): number {
  if (v === null) return 0;
  if (v === false) return 1;
  if (v === true) return 2;
  switch (typeof v) {
    case "number": return 3;
    case "string": return 4;
    default: return Array.isArray(v) ? 5 : 6;
  }
}

/** Compares strings by Unicode code point (as jq does with UTF-8 bytes). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

export function sortedKeys(o: JqObject): string[] {
  return Object.keys(o).sort(compareStrings);
}

/** jq's total order on values. */
export function compare(a: Value, b: Value): number {
  try {
    return compareRec(a, b, 0);
  } catch (e) {
    if (e instanceof RangeError) throw runtimeError("Comparison too deep");
    throw e;
  }
}

function compareRec(a: Value, b: Value, depth: number): number {
  if (depth > MAX_DEPTH) throw runtimeError("Comparison too deep");
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 3: {
      const x = a as number;
      const y = b as number;
      if (x < y) return -1;
      if (x > y) return 1;
      if (x === y) return 0;
      // NaN sorts below all numbers
      return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
    }
    case 4: return a === b ? 0 : compareStrings(a as string, b as string) < 0 ? -1 : 1;
    case 5: {
      const x = a as Value[];
      const y = b as Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareRec(x[i]!, y[i]!, depth + 1);
        if (c) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 6: {
      const x = a as JqObject;
      const y = b as JqObject;
      const kx = sortedKeys(x);
      const ky = sortedKeys(y);
      const c = compareRec(kx, ky, depth + 1);
      if (c) return c;
      for (const k of kx) {
        const d = compareRec(x[k]!, y[k]!, depth + 1);
        if (d) return d;
      }
      return 0;
    }
    default: return 0;
  }
}

export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object") return false;
  try {
    return equalsRec(a, b, 0);
  } catch (e) {
    if (e instanceof RangeError) throw runtimeError("Equality check too deep");
    throw e;
  }
}

function equalsRec(a: Value, b: Value, depth: number): boolean {
  if (a === b) return true;
  if (depth > MAX_DEPTH) throw runtimeError("Equality check too deep");
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalsRec(a[i]!, b[i]!, depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!hasKey(b, k) || !equalsRec(a[k]!, b[k]!, depth + 1)) return false;
  }
  return true;
}

/** Formats a number as jq 1.7 prints it (17 significant digits, shortest round-trip). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "null";
  if (n === Infinity) return "1.7976931348623157e+308";
  if (n === -Infinity) return "-1.7976931348623157e+308";
  if (Object.is(n, -0)) return "-0";
  const s = Math.abs(n) < 1e-4 && n !== 0 ? n.toExponential() : String(n);
  if (s.includes("e")) {
    // jq writes 1e-05 as 1e-05 and 1e+17 as 100000000000000000
    const [m, e] = s.split("e") as [string, string];
    const exp = Number(e);
    if (exp > 0 && exp < 17 && !m.includes(".")) return m + "0".repeat(exp);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return s;
}

function escapeString(s: string): string {
  // JSON.stringify escapes control chars and lone surrogates; jq additionally escapes DEL
  return JSON.stringify(s).replace(/\u007f/g, "\\u007f");
}

/** Serialises a value as compact JSON the way jq's `tojson` does; depth past the limit prints `<skipped: too deep>`. */
export function dump(v: Value): string {
  if (v === null || typeof v !== "object") return dumpScalar(v);
  // iterative, so that deeply nested values do not exhaust the JS stack
  const parts: string[] = [];
  type Frame = { v: Value[] | JqObject; keys: string[] | null; i: number };
  const stack: Frame[] = [];
  const open = (x: Value[] | JqObject): void => {
    if (stack.length > MAX_DEPTH) {
      parts.push("<skipped: too deep>");
      return;
    }
    const isArr = Array.isArray(x);
    parts.push(isArr ? "[" : "{");
    stack.push({ v: x, keys: isArr ? null : Object.keys(x), i: 0 });
  };
  open(v);
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    const n = f.keys ? f.keys.length : (f.v as Value[]).length;
    if (f.i >= n) {
      parts.push(f.keys ? "}" : "]");
      stack.pop();
      continue;
    }
    if (f.i > 0) parts.push(",");
    let x: Value;
    if (f.keys) {
      const k = f.keys[f.i]!;
      parts.push(escapeString(k), ":");
      x = (f.v as JqObject)[k]!;
    } else x = (f.v as Value[])[f.i]!;
    f.i++;
    if (x !== null && typeof x === "object") open(x);
    else parts.push(dumpScalar(x));
  }
  return parts.join("");
}

function dumpScalar(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return formatNumber(v);
  return escapeString(v as string);
}

function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

function prefixBytes(s: string, max: number): string {
  let out = "";
  let used = 0;
  for (const ch of s) {
    const n = utf8Len(ch.codePointAt(0)!);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}

/** A value dump truncated for error messages (as jq's jv_dump_string_trunc, 30-byte buffer). */
export function dumpTrunc(v: Value): string {
  const s = dump(v);
  let bytes = 0;
  for (const ch of s) bytes += utf8Len(ch.codePointAt(0)!);
  if (bytes <= 29) return s;
  if (typeof v === "string") return `"${prefixBytes(s.slice(1, -1), 24)}..."`;
  return prefixBytes(s, 26) + "...";
}

/** `type (dump)` as used in jq error messages. */
export function describe(v: Value): string {
  return `${typeOf(v)} (${dumpTrunc(v)})`;
}

/** Converts a host value to a jq value, dropping anything that is not JSON data. */
export function fromHost(v: unknown, depth = 0): Value {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "boolean":
    case "number":
    case "string":
      return v;
    case "object": {
      if (depth > MAX_DEPTH) throw runtimeError("Exceeds depth limit for parsing");
      if (Array.isArray(v)) return v.map((x) => fromHost(x, depth + 1));
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        const j = (v as { toJSON?: unknown }).toJSON;
        return typeof j === "function" ? fromHost(j.call(v), depth + 1) : null;
      }
      const o = newObject();
      for (const k of Object.keys(v)) o[k] = fromHost((v as Record<string, unknown>)[k], depth + 1);
      return o;
    }
    default:
      return null;
  }
}

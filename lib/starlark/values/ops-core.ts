// Type names, truth, equality, ordering and hashing of values.
import { runtimeError } from "../errors.ts";
import { SFunction } from "./function.ts";
import { cmpInt, cmpIntFloat } from "./int.ts";
import type { Value } from "./value.ts";
import { SBuiltin, SBytes, SDict, SFloat, SHost, SList, SModule, SRange, SSet, SStringView, SStruct, STuple } from "./value.ts";

export function typeName(v: Value): string {
  switch (typeof v) {
    case "string": return "string";
    case "number":
    case "bigint": return "int";
    case "boolean": return "bool";
    case "object":
      if (v === null) return "NoneType";
      if (v instanceof SFloat) return "float";
      if (v instanceof SList) return "list";
      if (v instanceof SDict) return "dict";
      if (v instanceof STuple) return "tuple";
      if (v instanceof SSet) return "set";
      if (v instanceof SFunction) return "function";
      if (v instanceof SBuiltin) return "builtin_function_or_method";
      if (v instanceof SRange) return "range";
      if (v instanceof SBytes) return "bytes";
      if (v instanceof SModule) return "module";
      if (v instanceof SStruct) return "struct";
      if (v instanceof SStringView) return v.kind.startsWith("elem") ? (v.bytes ? "bytes.elems" : "string.elems") : "string.codepoints";
      if (v instanceof SHost) return v.typeName;
      return "unknown";
  }
  return "unknown";
}

export function truth(v: Value): boolean {
  switch (typeof v) {
    case "boolean": return v;
    case "number": return v !== 0;
    case "bigint": return true;
    case "string": return v.length > 0;
    default:
      if (v === null) return false;
      if (v instanceof SList || v instanceof STuple) return v.a.length > 0;
      if (v instanceof SFloat) return v.v !== 0;
      if (v instanceof SDict || v instanceof SSet) return v.m.size > 0;
      if (v instanceof SRange) return v.len > 0;
      if (v instanceof SBytes) return v.s.length > 0;
      return true;
  }
}

export const COMPARE_LIMIT = 100;

function depthCheck(depth: number): void {
  if (depth > COMPARE_LIMIT) throw runtimeError("comparison exceeded maximum recursion depth");
}

function cmpFloat(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an ? (bn ? 0 : 1) : -1;
}

/** Starlark ==. */
export function equals(a: Value, b: Value, depth = 0): boolean {
  const ta = typeof a;
  if (a === b && (ta !== "object" || a === null)) return true;
  const tb = typeof b;
  if (ta === "number" || ta === "bigint") {
    if (b instanceof SFloat) return cmpIntFloat(a as number | bigint, b.v) === 0;
    return false;
  }
  if (a instanceof SFloat) {
    if (b instanceof SFloat) return cmpFloat(a.v, b.v) === 0;
    if (tb === "number" || tb === "bigint") return cmpIntFloat(b as number | bigint, a.v) === 0;
    return false;
  }
  if (ta !== "object" || tb !== "object" || a === null || b === null) return false;
  if (a instanceof SList) return b instanceof SList && seqEqual(a.a, b.a, depth);
  if (a instanceof STuple) return b instanceof STuple && seqEqual(a.a, b.a, depth);
  if (a instanceof SDict) {
    if (!(b instanceof SDict) || a.m.size !== b.m.size) return false;
    depthCheck(depth);
    for (const [k, v] of a.m) {
      const w = b.m.get(k);
      if (w === undefined || !equals(v, w, depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof SSet) {
    if (!(b instanceof SSet) || a.m.size !== b.m.size) return false;
    for (const k of a.m.keys()) if (!b.m.has(k)) return false;
    return true;
  }
  if (a instanceof SBytes) return b instanceof SBytes && a.s === b.s;
  if (a instanceof SRange) {
    if (!(b instanceof SRange) || a.len !== b.len) return false;
    if (a.len === 0) return true;
    return a.start === b.start && (a.len === 1 || a.step === b.step);
  }
  if (a instanceof SStruct) {
    if (!(b instanceof SStruct) || a.fields.size !== b.fields.size) return false;
    for (const [k, v] of a.fields) {
      if (!b.fields.has(k) || !equals(v, b.fields.get(k)!, depth + 1)) return false;
    }
    return true;
  }
  return a === b;
}

function seqEqual(x: Value[], y: Value[], depth: number): boolean {
  if (x.length !== y.length) return false;
  depthCheck(depth);
  for (let i = 0; i < x.length; i++) {
    if (!equals(x[i]!, y[i]!, depth + 1)) return false;
  }
  return true;
}

/** Three-way ordering for <, <=, >, >= and sorted(). Throws for unordered types. */
export function compare(a: Value, b: Value, op = "<", depth = 0): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === "number" || ta === "bigint") {
    if (tb === "number" || tb === "bigint") return cmpInt(a as number, b as number);
    if (b instanceof SFloat) return cmpIntFloat(a as number | bigint, b.v);
  } else if (ta === "string") {
    if (tb === "string") return a! < b! ? -1 : a! > b! ? 1 : 0;
  } else if (a instanceof SFloat) {
    if (b instanceof SFloat) return cmpFloat(a.v, b.v);
    if (tb === "number" || tb === "bigint") return -cmpIntFloat(b as number | bigint, a.v);
  } else if (ta === "boolean") {
    if (tb === "boolean") return a === b ? 0 : a ? 1 : -1;
  } else if (a instanceof SList || a instanceof STuple) {
    if ((a instanceof SList && b instanceof SList) || (a instanceof STuple && b instanceof STuple)) {
      depthCheck(depth);
      const x = a.a;
      const y = (b as SList).a;
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        if (!equals(x[i]!, y[i]!, depth + 1)) return compare(x[i]!, y[i]!, op, depth + 1);
      }
      return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
    }
  } else if (a instanceof SBytes && b instanceof SBytes) {
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  }
  throw runtimeError(`${typeName(a)} ${op} ${typeName(b)} not implemented`);
}

const objIds = new WeakMap<object, number>();
let nextId = 1;
function objId(o: object): number {
  let id = objIds.get(o);
  if (id === undefined) {
    id = nextId++;
    objIds.set(o, id);
  }
  return id;
}

/**
 * Map key for a hashable value: equal Starlark values give equal keys
 * (SameValueZero). Throws "unhashable type" otherwise.
 */
export function keyOf(v: Value): unknown {
  switch (typeof v) {
    case "string":
    case "number":
    case "bigint":
    case "boolean":
      return v;
  }
  if (v === null) return null;
  if (v instanceof SFloat) {
    const f = v.v;
    if (Number.isInteger(f) && !Number.isSafeInteger(f)) return BigInt(f);
    return f;
  }
  if (v instanceof STuple) return "\u0100" + tupleKey(v.a);
  if (v instanceof SBytes) return "\u0101" + v.s;
  if (v instanceof SList || v instanceof SDict || v instanceof SSet) throw runtimeError(`unhashable type: ${typeName(v)}`);
  if (v instanceof SStruct) {
    for (const x of v.fields.values()) keyOf(x);
    return "\u0102" + objId(v);
  }
  return v;
}

function tupleKey(items: Value[]): string {
  let s = "(";
  for (const x of items) {
    const k = keyOf(x);
    switch (typeof k) {
      case "string": s += k.length + ":" + k; break;
      case "number": s += "n" + (k === 0 ? "0" : String(k)); break;
      case "bigint": s += "n" + k.toString(); break;
      case "boolean": s += k ? "T" : "F"; break;
      default:
        if (k === null) s += "N";
        else s += "o" + objId(k as object);
    }
    s += ",";
  }
  return s + ")";
}

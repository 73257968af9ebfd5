import { runtimeError } from "./errors";
import { compare, copyObject, describe, equals, isObject, MAX_DEPTH, newObject } from "./values";
import type { JqObject, Value } from "./values";

const MAX_STRING = 1 << 25;

function fail(a: Value, b: Value, verb: string): never {
  throw runtimeError(`${describe(a)} and ${describe(b)} cannot be ${verb}`);
}

export function add(a: Value, b: Value): Value {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  if (isObject(a) && isObject(b)) {
    const o = copyObject(a);
    for (const k in b) o[k] = b[k]!;
    return o;
  }
  return fail(a, b, "added");
}

function deepMerge(a: JqObject, b: JqObject): JqObject {
  // top-down and iterative, so deep objects do not exhaust the JS stack
  const root = copyObject(a);
  const stack: [JqObject, JqObject, number][] = [[root, b, 0]];
  while (stack.length) {
    const [target, src, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) throw runtimeError("Object merge too deep");
    for (const k in src) {
      const x = Object.prototype.hasOwnProperty.call(target, k) ? target[k] : undefined;
      const y = src[k]!;
      if (x !== undefined && isObject(x) && isObject(y)) {
        const nx = copyObject(x);
        target[k] = nx;
        stack.push([nx, y, depth + 1]);
      } else target[k] = y;
    }
  }
  return root;
}

function repeat(s: string, n: number): Value {
  if (Number.isNaN(n) || n < 0) return null;
  const times = Math.floor(n);
  if (times === 0 || s.length === 0) return "";
  if (s.length * times > MAX_STRING) throw runtimeError("Repeat string result too long");
  return s.repeat(times);
}

function toInt(x: number): bigint {
  if (x >= 9.223372036854775807e18) return 9223372036854775807n;
  if (x <= -9.223372036854775808e18) return -9223372036854775808n;
  return BigInt(Math.trunc(x));
}

function modulo(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const ta = Number.isSafeInteger(Math.trunc(a)) ? Math.trunc(a) : NaN;
  const tb = Number.isSafeInteger(Math.trunc(b)) ? Math.trunc(b) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) {
    if (tb === 0) throw runtimeError(`number (${a}) and number (${b}) cannot be divided (remainder) because the divisor is zero`);
    const r = ta % tb;
    return r === 0 ? 0 : r;
  }
  const bb = toInt(b);
  if (bb === 0n) throw runtimeError(`number (${a}) and number (${b}) cannot be divided (remainder) because the divisor is zero`);
  const r = Number(toInt(a) % bb);
  return r === 0 ? 0 : r;
}

/** Splits a string by a literal separator (jq `/` on strings and `split/1`). */
export function splitString(s: string, sep: string): Value[] {
  if (s === "") return [];
  if (sep === "") return Array.from(s);
  return s.split(sep);
}

/** A binary arithmetic or comparison operator applied with jq semantics. */
export function binop(op: string, a: Value, b: Value): Value {
  switch (op) {
    case "+":
      return add(a, b);
    case "-":
      if (typeof a === "number" && typeof b === "number") return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => equals(x, y)));
      return fail(a, b, "subtracted");
    case "*":
      if (typeof a === "number" && typeof b === "number") return a * b;
      if (typeof a === "string" && typeof b === "number") return repeat(a, b);
      if (typeof a === "number" && typeof b === "string") return repeat(b, a);
      if (isObject(a) && isObject(b)) return deepMerge(a, b);
      return fail(a, b, "multiplied");
    case "/":
      if (typeof a === "number" && typeof b === "number") {
        if (b === 0) throw runtimeError(`${describe(a)} and ${describe(b)} cannot be divided because the divisor is zero`);
        return a / b;
      }
      if (typeof a === "string" && typeof b === "string") return splitString(a, b);
      return fail(a, b, "divided");
    case "%":
      if (typeof a === "number" && typeof b === "number") return modulo(a, b);
      return fail(a, b, "divided");
    case "==":
      return equals(a, b);
    case "!=":
      return !equals(a, b);
    case "<":
      return compare(a, b) < 0;
    case "<=":
      return compare(a, b) <= 0;
    case ">":
      return compare(a, b) > 0;
    case ">=":
      return compare(a, b) >= 0;
    default:
      throw runtimeError(`unknown operator ${op}`);
  }
}

export function negate(v: Value): Value {
  if (typeof v === "number") return -v;
  throw runtimeError(`${describe(v)} cannot be negated`);
}

export { newObject };

import type { Charge, JsonValue } from "./values.ts";
import { deepEqual, getOwn, isObject, toText, typeName } from "./values.ts";

/** What a built-in function may use at run time. */
export interface CallContext {
  charge: Charge;
  /** Throws a type error located at the call. */
  fail(message: string): never;
}

export interface FunctionSpec {
  min: number;
  max: number;
  signature: string;
  doc: string;
  /** Lazy functions (if, default, coalesce) are evaluated by the evaluator itself. */
  lazy?: true;
  call?: (args: JsonValue[], cx: CallContext) => JsonValue;
}

const num = (v: JsonValue, cx: CallContext, fn: string): number =>
  typeof v === "number" ? v : cx.fail(`${fn}() expects a number, got ${typeName(v)}`);
const text = (v: JsonValue, cx: CallContext, fn: string): string =>
  v === null ? "" : typeof v === "string" ? v : cx.fail(`${fn}() expects a string, got ${typeName(v)}`);

function numbersOf(args: JsonValue[], cx: CallContext, fn: string): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  cx.charge(list.length);
  return list.map((v) => num(v, cx, fn));
}

function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function digitsArg(v: JsonValue | undefined, cx: CallContext, fn: string): number {
  if (v === undefined || v === null) return 0;
  const d = num(v, cx, fn);
  if (!Number.isInteger(d) || d < 0 || d > 10) cx.fail(`${fn}() digits must be an integer from 0 to 10`);
  return d;
}

function formatNumber(x: number, decimals: number): string {
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole = "", frac] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = x < 0 && Number(fixed) !== 0 ? "-" : "";
  return sign + grouped + (frac === undefined ? "" : `.${frac}`);
}

/**
 * The fixed allowlist of functions an expression may call. Nothing else is callable:
 * there are no methods, no user functions and no access to host objects.
 */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  len: { min: 1, max: 1, signature: "len(x)", doc: "length of a string or list, key count of an object; len(null) is 0",
    call: ([v = null], cx) => typeof v === "string" || Array.isArray(v) ? v.length : isObject(v) ? Object.keys(v).length : v === null ? 0 : cx.fail(`len() expects a string, list or object, got ${typeName(v)}`) },
  if: { min: 3, max: 3, signature: "if(cond, then, else)", doc: "then when cond is truthy, else otherwise; only the chosen branch is evaluated", lazy: true },
  default: { min: 2, max: 2, signature: "default(x, fallback)", doc: "x unless it is null or missing, then fallback", lazy: true },
  coalesce: { min: 1, max: 16, signature: "coalesce(a, b, ...)", doc: "the first argument that is not null", lazy: true },
  str: { min: 1, max: 1, signature: "str(x)", doc: "text form: null is \"\", lists and objects become JSON", call: ([v = null], cx) => toText(v, cx.charge) },
  num: { min: 1, max: 1, signature: "num(x)", doc: "number from a number, numeric string or boolean; null when not numeric",
    call: ([v = null]) => {
      if (typeof v === "number") return v;
      if (typeof v === "boolean") return v ? 1 : 0;
      if (typeof v === "string" && v.trim() !== "") {
        const n = Number(v.trim());
        return Number.isFinite(n) ? n : null;
      }
      return null;
    } },
  round: { min: 1, max: 2, signature: "round(x, digits?)", doc: "rounds to digits decimals (0 to 10, default 0)", call: ([x = null, d], cx) => roundTo(num(x, cx, "round"), digitsArg(d, cx, "round")) },
  floor: { min: 1, max: 1, signature: "floor(x)", doc: "largest integer not above x", call: ([x = null], cx) => Math.floor(num(x, cx, "floor")) },
  ceil: { min: 1, max: 1, signature: "ceil(x)", doc: "smallest integer not below x", call: ([x = null], cx) => Math.ceil(num(x, cx, "ceil")) },
  abs: { min: 1, max: 1, signature: "abs(x)", doc: "absolute value", call: ([x = null], cx) => Math.abs(num(x, cx, "abs")) },
  min: { min: 1, max: 16, signature: "min(a, b, ...) or min(list)", doc: "smallest number; null for an empty list",
    call: (args, cx) => { const ns = numbersOf(args, cx, "min"); return ns.length ? Math.min(...ns) : null; } },
  max: { min: 1, max: 16, signature: "max(a, b, ...) or max(list)", doc: "largest number; null for an empty list",
    call: (args, cx) => { const ns = numbersOf(args, cx, "max"); return ns.length ? Math.max(...ns) : null; } },
  lower: { min: 1, max: 1, signature: "lower(s)", doc: "lower-case string", call: ([s = null], cx) => text(s, cx, "lower").toLowerCase() },
  upper: { min: 1, max: 1, signature: "upper(s)", doc: "upper-case string", call: ([s = null], cx) => text(s, cx, "upper").toUpperCase() },
  join: { min: 1, max: 2, signature: "join(list, sep?)", doc: "joins the text forms of a list's items with sep (default \", \")",
    call: ([list = null, sep], cx) => {
      if (list === null) return "";
      if (!Array.isArray(list)) return cx.fail(`join() expects a list, got ${typeName(list)}`);
      const separator = sep === undefined ? ", " : text(sep, cx, "join");
      cx.charge(list.length);
      return list.map((_, i) => toText(getOwn(list, i), cx.charge)).join(separator);
    } },
  contains: { min: 2, max: 2, signature: "contains(haystack, needle)", doc: "substring of a string, item of a list, or key of an object",
    call: ([h = null, n = null], cx) => {
      if (h === null) return false;
      if (typeof h === "string") return h.includes(text(n, cx, "contains"));
      if (Array.isArray(h)) return h.some((_, i) => deepEqual(getOwn(h, i), n, cx.charge));
      if (isObject(h)) return typeof n === "string" && Object.hasOwn(h, n);
      return cx.fail(`contains() expects a string, list or object, got ${typeName(h)}`);
    } },
  keys: { min: 1, max: 1, signature: "keys(obj)", doc: "own keys of an object in insertion order; [] for null",
    call: ([o = null], cx) => {
      if (o === null) return [];
      if (!isObject(o)) return cx.fail(`keys() expects an object, got ${typeName(o)}`);
      const ks = Object.keys(o);
      cx.charge(ks.length);
      return ks;
    } },
  format_number: { min: 1, max: 2, signature: "format_number(x, decimals?)", doc: "fixed decimals with \",\" thousands separators, e.g. 1,234.50",
    call: ([x = null, d], cx) => formatNumber(num(x, cx, "format_number"), digitsArg(d, cx, "format_number")) },
};

/** Names of the allowed functions, for documentation. */
export const FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS);

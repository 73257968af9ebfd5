// Operators: binary, unary, indexing and slicing.
import { runtimeError } from "../errors.ts";
import type { Thread } from "../thread.ts";
import { percentFormat } from "./format.ts";
import { dictGet, dictSet, setAdd } from "./hashtable.ts";
import * as I from "./int.ts";
import { forEach, isIterable } from "./iter.ts";
import { compare, equals, keyOf, truth, typeName } from "./ops-core.ts";
import { repr } from "./repr.ts";
import type { Value } from "./value.ts";
import { dictKey, SBytes, SDict, SFloat, SHost, SList, SRange, SSet, SStringView, STuple } from "./value.ts";

const isInt = (v: Value): v is number | bigint => typeof v === "number" || typeof v === "bigint";

function toF(v: Value): number {
  if (v instanceof SFloat) return v.v;
  return I.intToFloat(v as number | bigint);
}

const MAX_ALLOC = 1 << 30;

function repeatCount(n: number | bigint): number {
  if (typeof n === "bigint" || n > 2147483647 || n < -2147483648) throw runtimeError(`repeat count ${n} too large`);
  return n;
}

function repeatArr(th: Thread, a: Value[], n: number | bigint): Value[] {
  const k = repeatCount(n);
  if (k <= 0 || a.length === 0) return [];
  if (a.length * k >= MAX_ALLOC) throw runtimeError(`excessive repeat (${a.length} * ${k} elements)`);
  th.charge(a.length * k * 8);
  const out: Value[] = new Array(a.length * k);
  for (let i = 0, j = 0; i < k; i++) for (const x of a) out[j++] = x;
  return out;
}

function repeatStr(th: Thread, s: string, n: number | bigint): string {
  const k = repeatCount(n);
  if (k <= 0 || s.length === 0) return "";
  if (s.length * k >= MAX_ALLOC) throw runtimeError(`excessive repeat (${s.length} * ${k} elements)`);
  th.charge(s.length * k);
  return s.repeat(k);
}

function unknown(op: string, x: Value, y: Value): never {
  throw runtimeError(`unknown binary op: ${typeName(x)} ${op} ${typeName(y)}`);
}

function setOf(th: Thread, items: Iterable<Value>): SSet {
  const s = new SSet();
  for (const x of items) setAdd(th, s, x);
  return s;
}

/** x op y for arithmetic/bitwise/membership/comparison operators (not and/or). */
export function binary(th: Thread, op: string, x: Value, y: Value): Value {
  switch (op) {
    case "+":
      if (typeof x === "number" && typeof y === "number") {
        const r = x + y;
        if (Number.isSafeInteger(r)) return r;
      }
      if (isInt(x) && isInt(y)) return I.add(x, y);
      if (typeof x === "string" && typeof y === "string") {
        // JS concatenation builds a rope: only the shorter side is new memory
        th.charge(Math.min(x.length, y.length) + 16);
        return x + y;
      }
      if ((x instanceof SFloat || isInt(x)) && (y instanceof SFloat || isInt(y))) return new SFloat(toF(x) + toF(y));
      if (x instanceof SList && y instanceof SList) {
        th.charge((x.a.length + y.a.length) * 8);
        return new SList(x.a.concat(y.a));
      }
      if (x instanceof STuple && y instanceof STuple) {
        th.charge((x.a.length + y.a.length) * 8);
        return new STuple(x.a.concat(y.a));
      }
      if (x instanceof SBytes && y instanceof SBytes) {
        th.charge(x.s.length + y.s.length);
        return new SBytes(x.s + y.s);
      }
      break;
    case "-":
      if (isInt(x) && isInt(y)) return I.sub(x, y);
      if ((x instanceof SFloat || isInt(x)) && (y instanceof SFloat || isInt(y))) return new SFloat(toF(x) - toF(y));
      if (x instanceof SSet && y instanceof SSet) {
        const out = new SSet();
        for (const [k, v] of x.m) if (!y.m.has(k)) out.m.set(k, v);
        th.charge(out.m.size * 32);
        return out;
      }
      break;
    case "*":
      if (isInt(x)) {
        if (isInt(y)) {
          const r = I.mul(x, y);
          if (typeof r === "bigint") th.charge(I.intBytes(r));
          return r;
        }
        if (y instanceof SFloat) return new SFloat(toF(x) * y.v);
        if (typeof y === "string") return repeatStr(th, y, x);
        if (y instanceof SList) return new SList(repeatArr(th, y.a, x));
        if (y instanceof STuple) return new STuple(repeatArr(th, y.a, x));
        if (y instanceof SBytes) return new SBytes(repeatStr(th, y.s, x));
      } else if (x instanceof SFloat) {
        if (y instanceof SFloat || isInt(y)) return new SFloat(x.v * toF(y));
      } else if (isInt(y)) {
        if (typeof x === "string") return repeatStr(th, x, y);
        if (x instanceof SList) return new SList(repeatArr(th, x.a, y));
        if (x instanceof STuple) return new STuple(repeatArr(th, x.a, y));
        if (x instanceof SBytes) return new SBytes(repeatStr(th, x.s, y));
      }
      break;
    case "/":
      if ((x instanceof SFloat || isInt(x)) && (y instanceof SFloat || isInt(y))) {
        const b = toF(y);
        const a = toF(x);
        if (b === 0) throw runtimeError("floating-point division by zero");
        return new SFloat(a / b);
      }
      break;
    case "//":
      if (isInt(x) && isInt(y)) {
        if (y === 0) throw runtimeError("floored division by zero");
        return I.floordiv(x, y);
      }
      if ((x instanceof SFloat || isInt(x)) && (y instanceof SFloat || isInt(y))) {
        const a = toF(x);
        const b = toF(y);
        if (b === 0) throw runtimeError("floored division by zero");
        return new SFloat(Math.floor(a / b));
      }
      break;
    case "%":
      if (isInt(x) && isInt(y)) {
        if (y === 0) throw runtimeError("integer modulo by zero");
        return I.mod(x, y);
      }
      if ((x instanceof SFloat || isInt(x)) && (y instanceof SFloat || isInt(y))) {
        const a = toF(x);
        const b = toF(y);
        if (b === 0) throw runtimeError("floating-point modulo by zero");
        let r = a % b;
        if (r !== 0 && r < 0 !== b < 0) r += b;
        return new SFloat(r);
      }
      if (typeof x === "string") return percentFormat(th, x, y);
      break;
    case "|":
      if (isInt(x) && isInt(y)) return I.bitor(x, y);
      if (x instanceof SSet && y instanceof SSet) {
        const out = setOf(th, x.m.values());
        for (const v of y.m.values()) setAdd(th, out, v);
        return out;
      }
      if (x instanceof SDict && y instanceof SDict) {
        const out = new SDict();
        for (const [mk, v] of x.m) dictSet(th, out, dictKey(x, mk), v);
        for (const [mk, v] of y.m) dictSet(th, out, dictKey(y, mk), v);
        return out;
      }
      break;
    case "&":
      if (isInt(x) && isInt(y)) return I.bitand(x, y);
      if (x instanceof SSet && y instanceof SSet) {
        const out = new SSet();
        for (const [k, v] of x.m) if (y.m.has(k)) out.m.set(k, v);
        th.charge(out.m.size * 32);
        return out;
      }
      break;
    case "^":
      if (isInt(x) && isInt(y)) return I.bitxor(x, y);
      if (x instanceof SSet && y instanceof SSet) {
        const out = new SSet();
        for (const [k, v] of x.m) if (!y.m.has(k)) out.m.set(k, v);
        for (const [k, v] of y.m) if (!x.m.has(k)) out.m.set(k, v);
        th.charge(out.m.size * 32);
        return out;
      }
      break;
    case "<<":
    case ">>":
      if (isInt(x) && isInt(y)) {
        const r = I.shift(x, y, op === "<<");
        if (typeof r === "bigint") th.charge(I.intBytes(r));
        return r;
      }
      break;
    case "in":
      return contains("in", y, x);
    case "not in":
      return !contains("in", y, x);
    case "==":
      return equals(x, y);
    case "!=":
      return !equals(x, y);
    case "<":
    case "<=":
    case ">":
    case ">=": {
      if (x instanceof SSet && y instanceof SSet) return setCompare(op, x, y);
      const c = compare(x, y, op);
      return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
    }
  }
  if (x instanceof SHost) {
    const r = x.binary(op, y, true);
    if (r !== undefined) return r;
  }
  if (y instanceof SHost) {
    const r = y.binary(op, x, false);
    if (r !== undefined) return r;
  }
  return unknown(op, x, y);
}

function setCompare(op: string, x: SSet, y: SSet): boolean {
  const sub = (a: SSet, b: SSet): boolean => {
    for (const k of a.m.keys()) if (!b.m.has(k)) return false;
    return true;
  };
  switch (op) {
    case "<=": return sub(x, y);
    case "<": return x.m.size < y.m.size && sub(x, y);
    case ">=": return sub(y, x);
    default: return y.m.size < x.m.size && sub(y, x);
  }
}

function contains(op: string, coll: Value, x: Value): boolean {
  if (coll instanceof SList || coll instanceof STuple) {
    for (const v of coll.a) if (equals(v, x)) return true;
    return false;
  }
  if (coll instanceof SDict) return coll.m.has(keyOf(x));
  if (coll instanceof SSet) return coll.m.has(keyOf(x));
  if (typeof coll === "string") {
    if (typeof x !== "string") throw runtimeError(`'in <string>' requires string as left operand, not ${typeName(x)}`);
    return coll.includes(x);
  }
  if (coll instanceof SBytes) {
    if (x instanceof SBytes) return coll.s.includes(x.s);
    if (typeof x === "number") {
      if (x < 0 || x > 255) throw runtimeError(`int in bytes: ${x} out of range`);
      return coll.s.includes(String.fromCharCode(x));
    }
    throw runtimeError(`'in bytes' requires bytes or int as left operand, not ${typeName(x)}`);
  }
  if (coll instanceof SRange) {
    if (!isInt(x) || typeof x === "bigint") return false;
    const { start, step, len } = coll;
    const d = x - start;
    if (d % step !== 0) return false;
    const i = d / step;
    return i >= 0 && i < len;
  }
  if (coll instanceof SHost && coll.iterate() !== null) {
    const it = coll.iterate()!;
    for (let r = it.next(); !r.done; r = it.next()) if (equals(r.value, x)) return true;
    return false;
  }
  return unknown(op, x, coll);
}

export function unary(op: string, x: Value): Value {
  switch (op) {
    case "not": return !truth(x);
    case "-":
      if (isInt(x)) return I.neg(x);
      if (x instanceof SFloat) return new SFloat(-x.v);
      break;
    case "+":
      if (isInt(x) || x instanceof SFloat) return x;
      break;
    case "~":
      if (isInt(x)) return I.bitnot(x);
      break;
  }
  throw runtimeError(`unknown unary op: ${op}${typeName(x)}`);
}

function indexInt(v: Value, what: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  throw runtimeError(`${what}: got ${typeName(v)}, want int`);
}

function checkIndex(tn: string, i: number, n: number, orig?: Value): number {
  const j = i < 0 ? i + n : i;
  if (j < 0 || j >= n) {
    const shown = typeof orig === "bigint" ? orig : i;
    if (n === 0) throw runtimeError(`index ${shown} out of range: empty ${tn}`);
    throw runtimeError(`${tn} index ${shown} out of range [${-n}:${n - 1}]`);
  }
  return j;
}

/** x[y] */
export function index(_th: Thread, x: Value, y: Value): Value {
  if (x instanceof SList || x instanceof STuple) {
    const a = x.a;
    if (typeof y === "number" && y >= 0 && y < a.length) return a[y]!;
    return a[checkIndex(typeName(x), indexInt(y, `${typeName(x)} index`), a.length, y)]!;
  }
  if (x instanceof SDict) {
    const v = dictGet(x, y);
    if (v === undefined) throw runtimeError(`key ${repr(y)} not in dict`);
    return v;
  }
  if (typeof x === "string") return x[checkIndex("string", indexInt(y, "string index"), x.length, y)]!;
  if (x instanceof SRange) return x.at(checkIndex("range", indexInt(y, "range index"), x.len, y));
  if (x instanceof SBytes) return x.s.charCodeAt(checkIndex("bytes", indexInt(y, "bytes index"), x.s.length));
  if (x instanceof SStringView && x.kind.startsWith("elem")) {
    const i = checkIndex(typeName(x), indexInt(y, "index"), x.s.length);
    return x.kind === "elem_ords" || x.bytes ? x.s.charCodeAt(i) : x.s[i]!;
  }
  throw runtimeError(`unhandled index operation ${typeName(x)}[${typeName(y)}]`);
}

/** x[y] = v */
export function setIndex(th: Thread, x: Value, y: Value, v: Value): void {
  if (x instanceof SList) {
    if (x.frozen) throw runtimeError("cannot assign to element of frozen list");
    if (x.iter > 0) throw runtimeError("cannot assign to element of list during iteration");
    x.a[checkIndex("list", indexInt(y, "list index"), x.a.length)] = v;
    return;
  }
  if (x instanceof SDict) {
    dictSet(th, x, y, v);
    return;
  }
  throw runtimeError(`${typeName(x)} value does not support item assignment`);
}

function sliceArg(v: Value | null, what: string): number | null {
  if (v === null) return null;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  throw runtimeError(`invalid ${what}: got ${typeName(v)}, want int`);
}

/** Python slice indices: returns [start, end, step]. */
export function sliceIndices(n: number, lo: Value | null, hi: Value | null, st: Value | null): [number, number, number] {
  const step = sliceArg(st, "slice step") ?? 1;
  const s0 = sliceArg(lo, "start index");
  const e0 = sliceArg(hi, "end index");
  if (step === 0) throw runtimeError("zero is not a valid slice step");
  let start: number;
  let end: number;
  if (step > 0) {
    start = s0 === null ? 0 : s0 < 0 ? Math.max(0, s0 + n) : Math.min(s0, n);
    end = e0 === null ? n : e0 < 0 ? Math.max(0, e0 + n) : Math.min(e0, n);
  } else {
    start = s0 === null ? n - 1 : s0 < 0 ? Math.max(-1, s0 + n) : Math.min(s0, n - 1);
    end = e0 === null ? -1 : e0 < 0 ? Math.max(-1, e0 + n) : Math.min(e0, n - 1);
  }
  return [start, end, step];
}

function pick<T>(get: (i: number) => T, start: number, end: number, step: number): T[] {
  const out: T[] = [];
  if (step > 0) for (let i = start; i < end; i += step) out.push(get(i));
  else for (let i = start; i > end; i += step) out.push(get(i));
  return out;
}

/** x[lo:hi:step] */
export function slice(th: Thread, x: Value, lo: Value | null, hi: Value | null, st: Value | null): Value {
  if (typeof x === "string" || x instanceof SBytes) {
    const s = typeof x === "string" ? x : x.s;
    const [a, b, k] = sliceIndices(s.length, lo, hi, st);
    const r = k === 1 ? (a < b ? s.slice(a, b) : "") : pick((i) => s[i]!, a, b, k).join("");
    th.charge(r.length);
    return typeof x === "string" ? r : new SBytes(r);
  }
  if (x instanceof SList || x instanceof STuple) {
    const [a, b, k] = sliceIndices(x.a.length, lo, hi, st);
    const r = k === 1 ? (a < b ? x.a.slice(a, b) : []) : pick((i) => x.a[i]!, a, b, k);
    th.charge(r.length * 8);
    return x instanceof SList ? new SList(r) : new STuple(r);
  }
  if (x instanceof SRange) {
    const [a, b, k] = sliceIndices(x.len, lo, hi, st);
    return new SRange(x.start + a * x.step, x.start + b * x.step, x.step * k);
  }
  throw runtimeError(`invalid slice operand ${typeName(x)}`);
}

export { isIterable, forEach };

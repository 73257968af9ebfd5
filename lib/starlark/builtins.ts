// The universal built-in functions.
import { attrNames, getAttrOpt } from "./attrs.ts";
import { callValue, noKwargs, unpackArgs } from "./call.ts";
import type { Kwargs } from "./call.ts";
import { bareError, runtimeError } from "./errors.ts";
import type { Thread } from "./thread.ts";
import { parseFloatLiteral } from "./values/float.ts";
import { dictSet, setAdd } from "./values/hashtable.ts";
import * as I from "./values/int.ts";
import { elems, forEach, isIterable, lenOf, toArray } from "./values/iter.ts";
import { compare, keyOf, truth, typeName } from "./values/ops-core.ts";
import { repr, str } from "./values/repr.ts";
import { decodeRune, decodeUtf8, runes, runeToUtf8 } from "./values/utf8.ts";
import type { BuiltinFn, Value } from "./values/value.ts";
import { dictKey, SBuiltin, SBytes, SDict, SFloat, SList, SRange, SSet, SStringView, STuple } from "./values/value.ts";

export function builtin(name: string, fn: BuiltinFn): SBuiltin {
  return new SBuiltin(name, fn);
}

function one(args: Value[], kwargs: Kwargs): Value {
  noKwargs(kwargs);
  if (args.length !== 1) throw runtimeError(`got ${args.length} arguments, want 1`);
  return args[0]!;
}

function iterOrFail(th: Thread, v: Value): Value[] {
  if (typeof v === "string") throw runtimeError("got string, want iterable");
  return toArray(th, v);
}

export function asInt(v: Value | undefined, what = "int"): number | bigint {
  if (typeof v === "number" || typeof v === "bigint") return v;
  throw runtimeError(`got ${typeName(v ?? null)}, want ${what}`);
}

export function asSmallInt(v: Value | undefined): number {
  const n = asInt(v);
  if (typeof n === "bigint" || n > 2147483647 || n < -2147483648) throw runtimeError(`${n} out of range (want value in signed 32-bit range)`);
  return n;
}

/** Starlark hash of a string: Java's String.hashCode formula over code points (as starlark-go). */
function javaHash(s: string): number {
  let h = 0;
  for (const c of runes(s)) h = (Math.imul(h, 31) + c) | 0;
  return h;
}

function minmax(th: Thread, name: string, args: Value[], kwargs: Kwargs, sign: number): Value {
  const [key] = unpackArgs([], kwargs, ["key?"]);
  if (args.length === 0) throw runtimeError(`${name} requires at least one positional argument`);
  if (args.length === 1 && (typeof args[0] === "string" || !isIterable(args[0]!))) throw runtimeError(`${typeName(args[0]!)} value is not iterable`);
  const items = args.length === 1 ? iterOrFail(th, args[0]!) : args;
  if (items.length === 0) throw runtimeError("argument is an empty sequence");
  const keyf = key !== undefined && key !== null ? (x: Value) => callValue(th, key, [x], null) : (x: Value) => x;
  let best = items[0]!;
  let bestK = keyf(best);
  for (let i = 1; i < items.length; i++) {
    const k = keyf(items[i]!);
    if (compare(k, bestK) * sign > 0) {
      best = items[i]!;
      bestK = k;
    }
  }
  return best;
}

function dictFromArgs(th: Thread, d: SDict, args: Value[], kwargs: Kwargs): void {
  if (args.length > 1) throw runtimeError(`got ${args.length} arguments, want at most 1`);
  if (args.length === 1) {
    const src = args[0]!;
    if (src instanceof SDict) {
      for (const [mk, v] of src.m) dictSet(th, d, dictKey(src, mk), v);
    } else {
      if (typeof src === "string") throw runtimeError("got string, want iterable");
      let i = 0;
      const ok = forEach(th, src, (pair) => {
        if (typeof pair === "string" || pair instanceof SStringView) throw runtimeError(`dictionary update sequence element #${i} is not iterable (${typeName(pair)})`);
        const kv = (() => {
          try {
            return elems(th, pair);
          } catch {
            throw runtimeError(`dictionary update sequence element #${i} is not iterable (${typeName(pair)})`);
          }
        })();
        if (kv.length !== 2) throw runtimeError(`dictionary update sequence element #${i} has length ${kv.length}, want 2`);
        dictSet(th, d, kv[0]!, kv[1]!);
        i++;
      });
      if (!ok) throw runtimeError(`got ${typeName(src)}, want iterable`);
    }
  }
  if (kwargs) {
    const seen = new Set<string>();
    for (const [k, v] of kwargs) {
      if (seen.has(k)) throw runtimeError(`duplicate keyword arg: ${repr(k)}`);
      seen.add(k);
      dictSet(th, d, k, v);
    }
  }
}

export { dictFromArgs };

function rangeArgs(args: Value[], kwargs: Kwargs): SRange {
  noKwargs(kwargs);
  if (args.length < 1 || args.length > 3) throw runtimeError(`got ${args.length} arguments, want 1 to 3`);
  const n = args.map((a) => asSmallInt(a));
  const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
  if (step === 0) throw runtimeError("step argument must not be zero");
  return new SRange(start, stop, step);
}

export function makeUniverse(json: Value): Map<string, Value> {
  const u = new Map<string, Value>();
  const def = (name: string, fn: BuiltinFn): void => void u.set(name, builtin(name, fn));
  u.set("None", null);
  u.set("True", true);
  u.set("False", false);
  u.set("json", json);
  def("abs", (_th, args, kw) => {
    const x = one(args, kw);
    if (x instanceof SFloat) return new SFloat(Math.abs(x.v));
    const n = asInt(x, "number");
    return I.sign(n) < 0 ? I.neg(n) : n;
  });
  def("all", (th, args, kw) => {
    for (const x of iterOrFail(th, one(args, kw))) if (!truth(x)) return false;
    return true;
  });
  def("any", (th, args, kw) => {
    for (const x of iterOrFail(th, one(args, kw))) if (truth(x)) return true;
    return false;
  });
  def("bool", (_th, args, kw) => {
    const [x] = unpackArgs(args, kw, ["x?"], 1);
    return x === undefined ? false : truth(x);
  });
  def("bytes", (th, args, kw) => {
    const x = one(args, kw);
    if (x instanceof SBytes) return x;
    if (typeof x === "string") return new SBytes(x);
    const out: number[] = [];
    for (const v of iterOrFail(th, x)) {
      const b = asInt(v);
      if (typeof b === "bigint" || b < 0 || b > 255) throw runtimeError(`at index ${out.length}, ${b} out of range (want value in unsigned 8-bit range)`);
      out.push(b);
    }
    return new SBytes(String.fromCharCode(...out));
  });
  def("chr", (_th, args, kw) => {
    const c = asInt(one(args, kw));
    if (c < 0) throw runtimeError(`Unicode code point ${c} out of range (<0)`);
    if (c > 0x10ffff) throw runtimeError(`Unicode code point U+${c.toString(16).toUpperCase()} out of range (>0x10FFFF)`);
    return runeToUtf8(Number(c));
  });
  def("dict", (th, args, kw) => {
    const d = new SDict();
    dictFromArgs(th, d, args, kw);
    return d;
  });
  def("dir", (_th, args, kw) => new SList(attrNames(one(args, kw))));
  def("enumerate", (th, args, kw) => {
    const [x, start] = unpackArgs(args, kw, ["x", "start?"]);
    let i = start === undefined ? 0 : asInt(start);
    const out: Value[] = [];
    for (const v of iterOrFail(th, x!)) {
      out.push(new STuple([i, v]));
      i = I.add(i, 1);
    }
    th.charge(out.length * 40);
    return new SList(out);
  });
  def("fail", (_th, args, kw) => {
    const [sep] = unpackArgs([], kw, ["sep?"]);
    const s = typeof sep === "string" ? sep : " ";
    throw bareError("fail: " + args.map((a) => str(a, _th)).join(s));
  });
  def("float", (_th, args, kw) => {
    const [x] = unpackArgs(args, kw, ["x?"], 1);
    if (x === undefined) return new SFloat(0);
    if (x instanceof SFloat) return x;
    if (typeof x === "boolean") return new SFloat(x ? 1 : 0);
    if (typeof x === "number" || typeof x === "bigint") return new SFloat(I.intToFloat(x));
    if (typeof x === "string") return new SFloat(parseFloatLiteral(x));
    throw runtimeError(`want number or string, got ${typeName(x)}`);
  });
  def("getattr", (_th, args, kw) => {
    noKwargs(kw);
    if (args.length < 2 || args.length > 3) throw runtimeError(`got ${args.length} arguments, want 2 or 3`);
    const name = args[1];
    if (typeof name !== "string") throw runtimeError(`got ${typeName(name!)}, want string`);
    const v = getAttrOpt(args[0]!, name);
    if (v !== undefined) return v;
    if (args.length === 3) return args[2]!;
    throw runtimeError(`${typeName(args[0]!)} has no .${name} field or method`);
  });
  def("hasattr", (_th, args, kw) => {
    const [x, name] = unpackArgs(args, kw, ["x", "name"]);
    if (typeof name !== "string") throw runtimeError(`got ${typeName(name!)}, want string`);
    return getAttrOpt(x!, name) !== undefined;
  });
  def("hash", (_th, args, kw) => {
    const x = one(args, kw);
    if (typeof x === "string") return javaHash(x);
    if (x instanceof SBytes) return javaHash(x.s);
    const k = keyOf(x);
    if (typeof k === "number") return Number.isInteger(k) ? k | 0 : javaHash(String(k));
    return javaHash(typeof k === "string" ? k : repr(x));
  });
  def("int", (_th, args, kw) => {
    const [x, base] = unpackArgs(args, kw, ["x", "base?"]);
    if (typeof x === "string") {
      const b = base === undefined ? 10 : asSmallInt(base);
      if (b !== 0 && (b < 2 || b > 36)) throw runtimeError("base must be an integer >= 2 && <= 36");
      const r = I.parseIntLiteral(x, b);
      if (r === null) throw runtimeError(`invalid literal with base ${b}: ${x}`);
      return r;
    }
    if (base !== undefined) throw runtimeError("can't convert non-string with explicit base");
    if (typeof x === "boolean") return x ? 1 : 0;
    if (typeof x === "number" || typeof x === "bigint") return x;
    if (x instanceof SFloat) return I.floatToInt(x.v);
    throw runtimeError(`cannot convert ${typeName(x!)} to int`);
  });
  def("len", (_th, args, kw) => {
    const x = one(args, kw);
    const n = lenOf(x);
    if (n < 0) throw runtimeError(`value of type ${typeName(x)} has no len`);
    return n;
  });
  def("list", (th, args, kw) => {
    const [x] = unpackArgs(args, kw, ["x?"], 1);
    return new SList(x === undefined ? [] : iterOrFail(th, x));
  });
  def("max", (th, args, kw) => minmax(th, "max", args, kw, 1));
  def("min", (th, args, kw) => minmax(th, "min", args, kw, -1));
  def("ord", (_th, args, kw) => {
    const x = one(args, kw);
    if (x instanceof SBytes) {
      if (x.s.length !== 1) throw runtimeError(`bytes has length ${x.s.length}, want 1`);
      return x.s.charCodeAt(0);
    }
    if (typeof x !== "string") throw runtimeError(`got ${typeName(x)}, want string`);
    const n = runes(x).length;
    if (n !== 1) throw runtimeError(`string encodes ${n} Unicode code points, want 1`);
    return decodeRune(x, 0)[0];
  });
  def("print", (th, args, kw) => {
    const [sep] = unpackArgs([], kw, ["sep?"]);
    th.print(decodeUtf8(args.map((a) => str(a, th)).join(typeof sep === "string" ? sep : " ")));
    return null;
  });
  def("range", (_th, args, kw) => rangeArgs(args, kw));
  def("repr", (th, args, kw) => repr(one(args, kw), th));
  def("reversed", (th, args, kw) => new SList(iterOrFail(th, one(args, kw)).reverse()));
  def("set", (th, args, kw) => {
    const [x] = unpackArgs(args, kw, ["x?"], 1);
    const s = new SSet();
    if (x !== undefined) for (const v of iterOrFail(th, x)) setAdd(th, s, v);
    return s;
  });
  def("sorted", (th, args, kw) => {
    const [x, key, reverse] = unpackArgs(args, kw, ["iterable", "key?", "reverse?"], 1);
    const items = iterOrFail(th, x!);
    const keys = key !== undefined && key !== null ? items.map((v) => callValue(th, key, [v], null)) : items;
    const idx = items.map((_, i) => i);
    const rev = reverse !== undefined && truth(reverse) ? -1 : 1;
    th.addSteps(items.length);
    idx.sort((a, b) => rev * compare(keys[a]!, keys[b]!));
    return new SList(idx.map((i) => items[i]!));
  });
  def("str", (th, args, kw) => {
    const x = one(args, kw);
    if (x instanceof SBytes) return x.s;
    return str(x, th);
  });
  def("tuple", (th, args, kw) => {
    const [x] = unpackArgs(args, kw, ["x?"], 1);
    if (x instanceof STuple) return x;
    return new STuple(x === undefined ? [] : iterOrFail(th, x));
  });
  def("type", (_th, args, kw) => typeName(one(args, kw)));
  def("zip", (th, args, kw) => {
    noKwargs(kw);
    const cols = args.map((a, i) => {
      if (typeof a === "string") throw runtimeError(`argument #${i + 1} is not iterable: string`);
      try {
        return toArray(th, a);
      } catch {
        throw runtimeError(`argument #${i + 1} is not iterable: ${typeName(a)}`);
      }
    });
    const n = cols.length === 0 ? 0 : Math.min(...cols.map((c) => c.length));
    const out: Value[] = [];
    for (let i = 0; i < n; i++) out.push(new STuple(cols.map((c) => c[i]!)));
    th.charge(n * 32);
    return new SList(out);
  });
  return u;
}

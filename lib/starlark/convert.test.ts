import { describe, expect, it } from "vitest";
import type { JsonValue } from "./convert.ts";
import { fromStarlark, fromStarlarkReference, toStarlark, toStarlarkReference } from "./convert.ts";
import { freeze } from "./freeze.ts";
import type { Value } from "./values/value.ts";
import { SDict, SList, STuple } from "./values/value.ts";
import { exec } from "./test-helpers.ts";
import type { StarlarkError } from "./errors.ts";
import { prng } from "../testing/prng";

function unconvertible(f: () => unknown): StarlarkError {
  try {
    f();
  } catch (e) {
    return e as StarlarkError;
  }
  throw new Error("converted");
}

describe("JSON conversion", () => {
  it("round-trips JSON values", () => {
    const v = { a: [1, 2.5, "é", null, true], b: { c: -3 }, big: 2 ** 60 };
    expect(JSON.parse(JSON.stringify(fromStarlark(toStarlark(v))))).toEqual(v);
  });

  it("maps integral numbers to ints and others to floats", () => {
    const r = exec("def t(x): return [type(v) for v in x]");
    if (!r.ok) throw r.error;
    expect(toStarlark(3)).toBe(3);
    expect(toStarlark(3.5)).toMatchObject({ v: 3.5 });
  });

  it("rejects what JSON cannot hold, with a clear error", () => {
    expect(unconvertible(() => toStarlark(NaN))).toMatchObject({ code: "unconvertible" });
    expect(unconvertible(() => toStarlark({ f: () => 1 })).message).toMatch(/\.f: cannot convert function/);
    expect(unconvertible(() => toStarlark(new Date())).message).toMatch(/cannot convert Date/);
    const cyc: unknown[] = [];
    cyc.push(cyc);
    expect(unconvertible(() => toStarlark(cyc)).message).toMatch(/cycle/);
    const r = exec("s = set([1])\nf = len\nn = float('nan')\nd = {1: 2}\nb = 1 << 80");
    if (!r.ok) throw r.error;
    for (const k of ["s", "f", "n", "d", "b"]) {
      expect(unconvertible(() => fromStarlark(r.value.get(k)!))).toMatchObject({ code: "unconvertible" });
    }
  });
});

/** Outcome of a conversion: the value, or the error's code and message. */
function outcome<T>(f: () => T): { ok: true; value: T } | { ok: false; code: string; message: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    const err = e as StarlarkError;
    return { ok: false, code: err.code, message: err.message };
  }
}

const KEYS = ["a", "id", "__proto__", "toString", "0", "10", "2", "é", "\ud800", "\udfff", "", "constructor", "x y"];
const LEAVES: unknown[] = [0, -0, 1, -7, 2.5, 1e300, 2 ** 53, 2 ** 60, "", "s", "héllo", "\ud83d\ude00", "\ud800x", true, false, null, 12n, 2n ** 70n];

function genJson(r: () => number, depth: number): unknown {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const k = r();
  if (depth <= 0 || k < 0.4) return pick(LEAVES);
  if (k < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => genJson(r, depth - 1));
  const o: Record<string, unknown> = r() < 0.2 ? Object.create(null) : {};
  for (let i = Math.floor(r() * 5); i > 0; i--) Object.defineProperty(o, pick(KEYS), { value: genJson(r, depth - 1), enumerable: true, writable: true, configurable: true });
  return o;
}

/** JSON-like rendering that keeps key order, prototypes, -0, bigints and Starlark values apart. */
function show(x: unknown): string {
  if (typeof x === "bigint") return `${x}n`;
  if (typeof x === "number") return Object.is(x, -0) ? "-0" : String(x);
  if (typeof x !== "object" || x === null) return JSON.stringify(x) ?? String(x);
  if (Array.isArray(x)) return `[${x.map(show).join(",")}]`;
  const proto = Object.getPrototypeOf(x);
  const tag = proto === null ? "" : proto === Object.prototype ? "obj" : proto.constructor.name;
  return `${tag}{${Reflect.ownKeys(x).map((k) => `${String(k)}:${show((x as Record<string | symbol, unknown>)[k])}`).join(",")}}`;
}

describe("fast conversion paths", () => {
  it("match the reference conversions on random JSON, both ways", () => {
    const r = prng(7);
    for (let i = 0; i < 3000; i++) {
      const x = genJson(r, 5);
      const fast = outcome(() => toStarlark(x));
      const ref = outcome(() => toStarlarkReference(x));
      expect(fast.ok).toBe(ref.ok);
      if (!fast.ok || !ref.ok) {
        expect(fast).toEqual(ref);
        continue;
      }
      expect(show(fast.value)).toBe(show(ref.value));
      const back = outcome(() => fromStarlark(fast.value));
      const backRef = outcome(() => fromStarlarkReference(fast.value));
      if (back.ok && backRef.ok) expect(show(back.value)).toBe(show(backRef.value));
      else expect(back).toEqual(backRef);
    }
  });

  it("give the reference errors, with their paths", () => {
    const deep = (n: number, leaf: unknown): unknown => (n === 0 ? leaf : { k: [deep(n - 1, leaf)] });
    const cyc: Record<string, unknown> = { a: [1] };
    (cyc.a as unknown[]).push({ b: cyc });
    const deepCyc = deep(40, null) as Record<string, unknown>;
    let tail = deepCyc;
    for (let i = 0; i < 39; i++) tail = (tail.k as unknown[])[0] as Record<string, unknown>;
    tail.k = [deepCyc];
    const shared = { s: 1 };
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const cases: unknown[] = [cyc, deepCyc, deep(30, undefined), deep(600, 1), deep(499, 1), { f: () => 1 }, { d: new Date(0) }, [NaN], { x: [1, { y: Infinity }] }, [shared, shared, { t: shared }], holes, 2n ** 80n, Symbol("s")];
    for (const x of cases) {
      const fast = outcome(() => toStarlark(x));
      const ref = outcome(() => toStarlarkReference(x));
      if (fast.ok && ref.ok) expect(show(fast.value)).toBe(show(ref.value));
      else expect(fast).toEqual(ref);
    }
    expect(outcome(() => toStarlark(cyc))).toMatchObject({ ok: false, message: ".a[1].b: cycle in value" });
  });

  it("give the reference errors from Starlark values", () => {
    const r = exec(["l = [1]", "l.append({'x': l})", "def mk():", "    deep = []", "    t = deep", "    for i in range(60):", "        t.append([])", "        t = t[0]", "    t.append(deep)", "    return deep", "deep = mk()", "ok = [(1, 2.5), {'__proto__': {'0': -1}}, {'b': 1, 'a': 2}]", "bad = [{'k': [{'j': set([1])}]}]", "key = {'a': {2: 1}}", "nan = {'f': float('nan')}", "big = [1 << 60]", "fn = [len]"].join("\n"), { recursion: true });
    if (!r.ok) throw r.error;
    for (const k of ["l", "deep", "ok", "bad", "key", "nan", "big", "fn"]) {
      const v = r.value.get(k)!;
      const fast = outcome(() => fromStarlark(v));
      const ref = outcome(() => fromStarlarkReference(v));
      if (fast.ok && ref.ok) expect(show(fast.value)).toBe(show(ref.value));
      else expect(fast).toEqual(ref);
    }
    expect(outcome(() => fromStarlark(r.value.get("bad")!))).toMatchObject({ ok: false, message: "[0].k[0].j: cannot convert set to JSON" });
    const ok = fromStarlark(r.value.get("ok")!) as JsonValue[];
    const o = ok[1] as Record<string, JsonValue>;
    expect(Object.getPrototypeOf(o)).toBe(null);
    expect(Object.keys(o)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(o["__proto__"])).toBe(null);
    expect(Object.keys(ok[2] as object)).toEqual(["b", "a"]);
  });
});

describe("freeze", () => {
  it("fromStarlark with freeze: freezes what it converts", () => {
    const v = toStarlark({ a: [1, { b: [] }], c: [[{}]] }) as SDict;
    const json = fromStarlark(v, { freeze: true });
    expect(show(json)).toBe(show(fromStarlark(v)));
    const all: (SList | SDict)[] = [];
    const walk = (x: Value): void => {
      if (x instanceof SList) (all.push(x), x.a.forEach(walk));
      else if (x instanceof SDict) (all.push(x), [...x.m.values()].forEach(walk));
    };
    walk(v);
    expect(all.length).toBe(7);
    expect(all.every((x) => x.frozen)).toBe(true);
  });

  it("freezes everything reachable and prunes at frozen containers", () => {
    const v = toStarlark({ a: [1, { b: [] }], c: { d: {} } }) as SDict;
    const outer = new SList([v, new STuple([v, new SList([])])]);
    outer.a.push(outer);
    freeze(outer);
    const all: (SList | SDict)[] = [];
    const walk = (x: Value): void => {
      if (x instanceof SList) {
        if (all.includes(x)) return;
        all.push(x);
        x.a.forEach(walk);
      } else if (x instanceof STuple) x.a.forEach(walk);
      else if (x instanceof SDict) {
        if (all.includes(x)) return;
        all.push(x);
        for (const e of x.m.values()) walk(e);
      }
    };
    walk(outer);
    expect(all.length).toBe(8);
    expect(all.every((x) => x.frozen)).toBe(true);
    // a new, unfrozen container around a frozen value: only the new part is walked
    const next = new SList([v, new SList([])]);
    freeze(next);
    expect(next.frozen && (next.a[1] as SList).frozen).toBe(true);
  });
});

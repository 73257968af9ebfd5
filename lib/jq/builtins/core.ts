import { HaltSignal, runtimeError } from "../errors";
import type { Interp, PV } from "../interp";
import { add } from "../ops";
import { delPaths, getPath, indexValue, keysOf, setPath } from "../paths";
import { compare, describe, dump, equals, getKey, hasKey, isObject, MAX_DEPTH, newObject, sortedKeys, truthy, typeOf } from "../values";
import type { Value } from "../values";
import { collect, fn, gen, raw } from "./define";
import type { NativeTable } from "./define";
import { codepointLength, utf8ByteLength } from "../strings";

function length(v: Value): Value {
  if (v === null) return 0;
  if (typeof v === "boolean") throw runtimeError(`${describe(v)} has no length`);
  if (typeof v === "number") return Math.abs(v);
  if (typeof v === "string") return codepointLength(v);
  if (Array.isArray(v)) return v.length;
  return Object.keys(v).length;
}

function contains(a: Value, b: Value, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw runtimeError("Containment check too deep");
  if (typeOf(a) !== typeOf(b)) throw runtimeError(`${describe(a)} and ${describe(b)} cannot have their containment checked`);
  if (typeof a === "string") return a.includes(b as string);
  if (Array.isArray(a)) return (b as Value[]).every((y) => a.some((x) => typeOf(x) === typeOf(y) && contains(x, y, depth + 1)));
  if (isObject(a)) {
    const o = b as Record<string, Value>;
    return Object.keys(o).every((k) => hasKey(a, k) && typeOf(a[k]!) === typeOf(o[k]!) && contains(a[k]!, o[k]!, depth + 1));
  }
  return equals(a, b);
}

function requireArray(v: Value, what: string): Value[] {
  if (!Array.isArray(v)) throw runtimeError(`${describe(v)} cannot be ${what}, as it is not an array`);
  return v;
}

/** Sorts `xs` by keys (stable), returning pairs in order. */
function sortByKeys(xs: Value[], keys: Value[]): number[] {
  const idx = xs.map((_, i) => i);
  idx.sort((i, j) => compare(keys[i]!, keys[j]!) || i - j);
  return idx;
}

function byKeys(it: Interp, input: Value, f: Parameters<typeof collect>[1], env: Parameters<typeof collect>[3], what: string): { xs: Value[]; keys: Value[] } {
  const xs = requireArray(input, what);
  if (it.isSimple(f)) return { xs, keys: xs.map((x) => [it.simple(f, x, env)]) };
  return { xs, keys: xs.map((x) => collect(it, f, x, env)) };
}

function flatten(xs: Value[], depth: number): Value[] {
  const out: Value[] = [];
  const stack: [Value[], number, number][] = [[xs, 0, depth]];
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f[1] >= f[0].length) {
      stack.pop();
      continue;
    }
    const x = f[0][f[1]++]!;
    if (Array.isArray(x) && f[2] !== 0) stack.push([x, 0, f[2] - 1]);
    else out.push(x);
  }
  return out;
}

function toEntries(v: Value): Value {
  if (!isObject(v) && !Array.isArray(v)) throw runtimeError(`${describe(v)} has no keys`);
  return keysOf(v).map((k) => {
    const o = newObject();
    o["key"] = k;
    o["value"] = indexValue(v, k);
    return o;
  });
}

function fromEntries(v: Value): Value {
  const out = newObject();
  if (!Array.isArray(v)) throw runtimeError(`Cannot iterate over ${describe(v)}`);
  for (const e of v) {
    if (!isObject(e)) throw runtimeError(`Cannot index ${typeOf(e)} with "key"`);
    let k: Value = getKey(e, "key");
    if (k === null || k === false) {
      const alt = [getKey(e, "k"), getKey(e, "name"), getKey(e, "Name"), getKey(e, "K"), getKey(e, "Key")].find(truthy);
      if (k === null || alt !== undefined) k = alt ?? null;
    }
    const key = typeof k === "string" ? k : dump(k);
    out[key] = hasKey(e, "value") ? e["value"]! : hasKey(e, "v") ? e["v"]! : getKey(e, "Value");
  }
  return out;
}

function* pathsOf(it: Interp, v: Value): Generator<PV, void, undefined> {
  let first = true;
  for (const pv of it.recursePaths(v, [])) {
    if (first) {
      first = false;
      continue;
    }
    yield pv;
  }
}

function range(it: Interp, from: Value, upto: Value, by: Value): Iterable<Value> {
  if (typeof from !== "number" || typeof upto !== "number" || typeof by !== "number") throw runtimeError("Range bounds must be numeric");
  return (function* () {
    if (by > 0) for (let i = from; i < upto; i += by) {
      it.meter.tick();
      yield i;
    }
    else if (by < 0) for (let i = from; i > upto; i += by) {
      it.meter.tick();
      yield i;
    }
    else if (from < upto) for (;;) {
      it.meter.tick();
      yield from;
    }
  })();
}

function addAll(it: Interp | null, xs: Iterable<Value>): Value {
  let acc: Value = null;
  let arr: Value[] | null = null;
  for (const x of xs) {
    it?.meter.tick();
    if (arr && Array.isArray(x)) {
      for (const y of x) arr.push(y);
      continue;
    }
    if (arr) {
      acc = arr;
      arr = null;
    }
    if (acc === null && Array.isArray(x)) {
      arr = x.slice();
      continue;
    }
    acc = add(acc, x);
  }
  return arr ?? acc;
}

/** A depth-first walk `def r: step; r` without JS recursion: `step` yields ["out", v] or ["rec", v]. */
export function* dfs<T>(start: T, step: (v: T) => Iterable<["out" | "rec", T]>): Generator<T, void, undefined> {
  const stack: Iterator<["out" | "rec", T]>[] = [step(start)[Symbol.iterator]()];
  while (stack.length) {
    const r = stack[stack.length - 1]!.next();
    if (r.done) {
      stack.pop();
      continue;
    }
    const [kind, v] = r.value;
    if (kind === "out") yield v;
    else stack.push(step(v)[Symbol.iterator]());
  }
}

const SELECTORS: Record<string, (v: Value) => boolean> = {
  values: (v) => v !== null,
  nulls: (v) => v === null,
  booleans: (v) => typeof v === "boolean",
  numbers: (v) => typeof v === "number",
  strings: (v) => typeof v === "string",
  arrays: (v) => Array.isArray(v),
  objects: (v) => isObject(v),
  iterables: (v) => v !== null && typeof v === "object",
  scalars: (v) => v === null || typeof v !== "object",
};

export function registerCore(t: NativeTable): void {
  for (const [name, test] of Object.entries(SELECTORS)) {
    raw(t, name, 0, (_it, _args, input) => (test(input) ? [input] : []), (_it, _args, input, path) => (test(input) ? [[input, path]] : []));
  }
  raw(t, "empty", 0, () => [], () => []);
  raw(t, "error", 0, (_it, _a, input) => {
    throw runtimeError(input, typeof input === "string" ? input : `${dump(input)} (not a string)`);
  });
  fn(t, "error", 1, (_input, msg) => {
    throw runtimeError(msg, typeof msg === "string" ? msg : `${dump(msg)} (not a string)`);
  });
  fn(t, "not", 0, (v) => !truthy(v));
  fn(t, "length", 0, length);
  fn(t, "utf8bytelength", 0, (v) => {
    if (typeof v !== "string") throw runtimeError(`${describe(v)} only strings have UTF-8 byte length`);
    return utf8ByteLength(v);
  });
  fn(t, "type", 0, typeOf);
  fn(t, "keys", 0, (v) => (isObject(v) ? sortedKeys(v) : keysOf(v)));
  fn(t, "keys_unsorted", 0, keysOf);
  fn(t, "has", 1, (v, k) => {
    if (isObject(v) && typeof k === "string") return hasKey(v, k);
    if (Array.isArray(v) && typeof k === "number") return k >= 0 && k < v.length;
    throw runtimeError(`Cannot check whether ${typeOf(v)} has a ${typeOf(k)} key`);
  });
  fn(t, "contains", 1, (a, b) => {
    try {
      return contains(a, b);
    } catch (e) {
      if (e instanceof RangeError) throw runtimeError("Containment check too deep");
      throw e;
    }
  });
  fn(t, "add", 0, (v) => {
    if (isObject(v)) return addAll(null, Object.values(v));
    if (v === null) return null;
    return addAll(null, requireArray(v, "added"));
  });
  raw(t, "add", 1, function* (it, args, input, env) {
    yield addAll(it, it.eval(args[0]!, input, env));
  });
  gen(t, "range", 1, (it, _i, n) => range(it, 0, n, 1));
  gen(t, "range", 2, (it, _i, a, b) => range(it, a, b, 1));
  gen(t, "range", 3, (it, _i, a, b, c) => range(it, a, b, c));
  fn(t, "tojson", 0, (v) => dump(v));
  fn(t, "tostring", 0, (v) => (typeof v === "string" ? v : dump(v)));
  fn(t, "tonumber", 0, (v) => {
    if (typeof v === "number") return v;
    if (typeof v === "string" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
    if (typeof v === "string" && /^[+-]?nan$/i.test(v)) return NaN;
    throw runtimeError(`${describe(v)} cannot be parsed as a number`);
  });
  fn(t, "toboolean", 0, (v) => {
    if (typeof v === "boolean") return v;
    if (v === "true") return true;
    if (v === "false") return false;
    throw runtimeError(`${describe(v)} cannot be parsed as a boolean`);
  });
  fn(t, "sort", 0, (v) => requireArray(v, "sorted").slice().sort((a, b) => compare(a, b)));
  raw(t, "sort_by", 1, function* (it, args, input, env) {
    const { xs, keys } = byKeys(it, input, args[0]!, env, "sorted");
    yield sortByKeys(xs, keys).map((i) => xs[i]!);
  });
  raw(t, "group_by", 1, function* (it, args, input, env) {
    const { xs, keys } = byKeys(it, input, args[0]!, env, "grouped");
    const out: Value[][] = [];
    let prev: Value | undefined;
    for (const i of sortByKeys(xs, keys)) {
      if (prev !== undefined && compare(prev, keys[i]!) === 0) out[out.length - 1]!.push(xs[i]!);
      else out.push([xs[i]!]);
      prev = keys[i]!;
    }
    yield out;
  });
  raw(t, "unique_by", 1, function* (it, args, input, env) {
    const { xs, keys } = byKeys(it, input, args[0]!, env, "grouped");
    const out: Value[] = [];
    let prev: Value | undefined;
    for (const i of sortByKeys(xs, keys)) {
      if (prev === undefined || compare(prev, keys[i]!) !== 0) out.push(xs[i]!);
      prev = keys[i]!;
    }
    yield out;
  });
  fn(t, "unique", 0, (v) => {
    const s = requireArray(v, "sorted").slice().sort((a, b) => compare(a, b));
    return s.filter((x, i) => i === 0 || compare(s[i - 1]!, x) !== 0);
  });
  const extreme = (name: string, pick: (c: number) => boolean): void => {
    fn(t, name, 0, (v) => {
      const xs = requireArray(v, "iterated over");
      let best: Value = null;
      xs.forEach((x, i) => {
        if (i === 0 || pick(compare(x, best))) best = x;
      });
      return best;
    });
    raw(t, `${name}_by`, 1, function* (it, args, input, env) {
      const { xs, keys } = byKeys(it, input, args[0]!, env, "iterated over");
      let bi = -1;
      xs.forEach((_, i) => {
        if (bi < 0 || pick(compare(keys[i]!, keys[bi]!))) bi = i;
      });
      yield bi < 0 ? null : xs[bi]!;
    });
  };
  extreme("min", (c) => c < 0);
  extreme("max", (c) => c >= 0);
  fn(t, "reverse", 0, (v) => {
    if (v === null) return [];
    if (typeof v === "string") return Array.from(v).reverse().join("");
    return requireArray(v, "reversed").slice().reverse();
  });
  fn(t, "flatten", 0, (v) => flatten(requireArray(v, "flattened"), -1));
  fn(t, "flatten", 1, (v, d) => {
    if (compare(d, 0) < 0) throw runtimeError("flatten depth must not be negative");
    const xs = requireArray(v, "flattened");
    if (typeof d !== "number") {
      const nested = xs.find((x) => Array.isArray(x));
      if (nested !== undefined) throw runtimeError(`${describe(d)} and number (1) cannot be subtracted`);
      return xs.slice();
    }
    return flatten(xs, d);
  });
  fn(t, "transpose", 0, (v) => {
    const rows = requireArray(v, "transposed") as Value[][];
    const n = Math.max(0, ...rows.map((r) => (Array.isArray(r) ? r.length : 0)));
    return Array.from({ length: n }, (_, i) => rows.map((r) => (Array.isArray(r) ? (r[i] ?? null) : null)));
  });
  fn(t, "to_entries", 0, toEntries);
  fn(t, "from_entries", 0, fromEntries);
  fn(t, "getpath", 1, (v, p) => getPath(v, p));
  t.get("getpath/1")!.paths = function* (it, args, input, path, env) {
    for (const p of it.eval(args[0]!, input, env)) {
      if (path === null) throw runtimeError(`Invalid path expression with result ${dump(input)}`);
      yield [getPath(input, p), [...path, ...(p as Value[])]];
    }
  };
  fn(t, "setpath", 2, (v, p, x) => setPath(v, p, x));
  fn(t, "delpaths", 1, (v, ps) => delPaths(v, ps));
  raw(t, "path", 1, function* (it, args, input, env) {
    for (const [v, p] of it.paths(args[0]!, input, [], env)) yield it.checkPath(p, v);
  });
  raw(t, "paths", 0, function* (it, _args, input) {
    for (const [, p] of pathsOf(it, input)) yield p;
  });
  raw(t, "paths", 1, function* (it, args, input, env) {
    const f = args[0]!;
    const simple = it.isSimple(f);
    for (const [v, p] of pathsOf(it, input)) {
      if (simple) {
        if (truthy(it.simple(f, v, env))) yield p;
      } else for (const c of it.eval(f, v, env)) if (truthy(c)) yield p;
    }
  });
  raw(t, "select", 1, function* (it, args, input, env) {
    const f = args[0]!;
    if (it.isSimple(f)) {
      if (truthy(it.simple(f, input, env))) yield input;
      return;
    }
    for (const c of it.eval(f, input, env)) if (truthy(c)) yield input;
  }, function* (it, args, input, path, env) {
    for (const c of it.eval(args[0]!, input, env)) if (truthy(c)) yield [input, path];
  });
  raw(t, "map", 1, function* (it, args, input, env) {
    const out: Value[] = [];
    const f = args[0]!;
    if (it.isSimple(f)) for (const x of it.iterate(input)) out.push(it.simple(f, x, env));
    else for (const x of it.iterate(input)) for (const y of it.eval(f, x, env)) out.push(y);
    yield out;
  });
  raw(t, "recurse", 0, (it, _args, input) => it.recurseValues(input), (it, _args, input, path) => it.recursePaths(input, path));
  raw(t, "recurse", 1, (it, args, input, env) => dfs<Value>(input, function* (v) {
    yield ["out", v];
    for (const u of it.eval(args[0]!, v, env)) yield ["rec", u];
  }), (it, args, input, path, env) => dfs<PV>([input, path], function* (pv) {
    yield ["out", pv];
    for (const u of it.paths(args[0]!, pv[0], pv[1], env)) yield ["rec", u];
  }));
  raw(t, "repeat", 1, (it, args, input, env) => dfs<Value>(input, function* (v) {
    yield ["out", v];
    for (const u of it.eval(args[0]!, v, env)) yield ["rec", u];
  }));
  raw(t, "while", 2, (it, args, input, env) => dfs<Value>(input, function* (v) {
    for (const c of it.eval(args[0]!, v, env)) {
      if (!truthy(c)) continue;
      yield ["out", v];
      for (const u of it.eval(args[1]!, v, env)) yield ["rec", u];
    }
  }));
  raw(t, "until", 2, (it, args, input, env) => dfs<Value>(input, function* (v) {
    for (const c of it.eval(args[0]!, v, env)) {
      if (truthy(c)) yield ["out", v];
      else for (const u of it.eval(args[1]!, v, env)) yield ["rec", u];
    }
  }));
  const limitImpl = <T>(it: Interp, n: Value, src: () => Iterable<T>, what: string): Iterable<T> =>
    (function* () {
      if (typeof n !== "number") throw runtimeError(`Invalid ${what} count`);
      if (n < 0) throw runtimeError(`${what} doesn't support negative count`);
      if (n <= 0 && what === "limit") return;
      let i = 0;
      for (const v of src()) {
        if (what === "limit") {
          yield v;
          if (++i >= n) return;
        } else if (i++ >= n) yield v;
      }
      void it;
    })();
  for (const what of ["limit", "skip"]) {
    raw(t, what, 2, function* (it, args, input, env) {
      for (const n of it.eval(args[0]!, input, env)) yield* limitImpl(it, n, () => it.eval(args[1]!, input, env), what);
    }, function* (it, args, input, path, env) {
      for (const n of it.eval(args[0]!, input, env)) yield* limitImpl(it, n, () => it.paths(args[1]!, input, path, env), what);
    });
  }
  raw(t, "first", 1, function* (it, args, input, env) {
    for (const v of it.eval(args[0]!, input, env)) {
      yield v;
      return;
    }
  }, function* (it, args, input, path, env) {
    for (const v of it.paths(args[0]!, input, path, env)) {
      yield v;
      return;
    }
  });
  raw(t, "last", 1, function* (it, args, input, env) {
    let last: Value | undefined;
    let any = false;
    for (const v of it.eval(args[0]!, input, env)) {
      last = v;
      any = true;
    }
    if (any) yield last!;
  }, function* (it, args, input, path, env) {
    let last: PV | undefined;
    for (const v of it.paths(args[0]!, input, path, env)) last = v;
    if (last) yield last;
  });
  raw(t, "isempty", 1, function* (it, args, input, env) {
    for (const _ of it.eval(args[0]!, input, env)) {
      yield false;
      return;
    }
    yield true;
  });
  fn(t, "join", 1, (v, sep) => {
    const xs = requireArray(v, "joined");
    let acc: Value = null;
    for (const x of xs) {
      const s: Value = x === null ? "" : typeof x === "boolean" || typeof x === "number" ? dump(x) : x;
      acc = acc === null ? add("", s) : add(add(acc, sep), s);
    }
    return acc ?? "";
  });
  fn(t, "bsearch", 1, (v, target) => {
    if (!Array.isArray(v)) throw runtimeError(`${describe(v)} cannot be searched from`);
    let lo = 0;
    let hi = v.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compare(v[mid]!, target);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1 - lo;
  });
  fn(t, "input", 0, () => {
    throw runtimeError("No more inputs");
  });
  raw(t, "inputs", 0, () => []);
  fn(t, "debug", 0, (v) => v);
  fn(t, "stderr", 0, (v) => v);
  fn(t, "input_filename", 0, () => null);
  fn(t, "input_line_number", 0, () => 0);
  fn(t, "have_decnum", 0, () => false);
  fn(t, "have_literal_numbers", 0, () => true);
  fn(t, "halt", 0, () => {
    throw new HaltSignal(null);
  });
  fn(t, "halt_error", 1, (v, code) => {
    throw new HaltSignal(v, code);
  });
  t.set("now/0", {
    *eval(it) {
      if (!it.meter.now) throw runtimeError("now/0 needs a host clock");
      yield it.meter.now() / 1000;
    },
  });
}

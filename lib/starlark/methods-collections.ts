// Methods of list, dict, set and bytes.
import { METHODS } from "./attrs.ts";
import { asInt, builtin, dictFromArgs } from "./builtins.ts";
import { noKwargs, unpackArgs } from "./call.ts";
import type { Kwargs } from "./call.ts";
import { runtimeError } from "./errors.ts";
import type { Thread } from "./thread.ts";
import { checkHashMutable, dictDelete, dictGet, dictSet, setAdd } from "./values/hashtable.ts";
import { forEach } from "./values/iter.ts";
import { equals, keyOf, typeName } from "./values/ops-core.ts";
import type { Value } from "./values/value.ts";
import { dictKey, SBytes, SDict, SList, SRange, SSet, SStringView, STuple } from "./values/value.ts";
import { span } from "./methods-string.ts";

function checkListMutable(l: SList, verb: string): void {
  if (l.frozen) throw runtimeError(`cannot ${verb} frozen list`);
  if (l.iter > 0) throw runtimeError(`cannot ${verb} list during iteration`);
}

function arity(args: Value[], kw: Kwargs, min: number, max: number): void {
  noKwargs(kw);
  if (args.length < min || args.length > max) {
    throw runtimeError(min === max ? `got ${args.length} arguments, want ${min}` : `got ${args.length} arguments, want at most ${max}`);
  }
}

function iterArg(th: Thread, v: Value, i: number | null): Value[] {
  if (typeof v === "string") throw runtimeError(i === null ? "got string, want iterable" : `argument #${i} is not iterable: string`);
  const out: Value[] = [];
  if (!forEach(th, v, (x) => void out.push(x))) {
    throw runtimeError(i === null ? `got ${typeName(v)}, want iterable` : `argument #${i} is not iterable: ${typeName(v)}`);
  }
  return out;
}

function installList(): void {
  const m = METHODS.list;
  const def = (name: string, fn: (th: Thread, l: SList, a: Value[], k: Kwargs) => Value): void =>
    void m.set(name, builtin(name, (th, a, k, self) => fn(th, self as SList, a, k)));
  def("append", (th, l, a, k) => {
    arity(a, k, 1, 1);
    checkListMutable(l, "append to");
    th.charge(8);
    l.a.push(a[0]!);
    return null;
  });
  def("clear", (_th, l, a, k) => {
    arity(a, k, 0, 0);
    checkListMutable(l, "clear");
    l.a = [];
    return null;
  });
  def("extend", (th, l, a, k) => {
    arity(a, k, 1, 1);
    checkListMutable(l, "extend");
    const items = iterArg(th, a[0]!, null);
    th.charge(items.length * 8);
    for (const x of items) l.a.push(x);
    return null;
  });
  def("index", (_th, l, a, k) => {
    const [x, start, end] = unpackArgs(a, k, ["x", "start?", "end?"]);
    const [i0, i1] = span(l.a.length, start, end);
    for (let i = i0; i < i1; i++) if (equals(l.a[i]!, x!)) return i;
    throw runtimeError("value not in list");
  });
  def("insert", (th, l, a, k) => {
    arity(a, k, 2, 2);
    checkListMutable(l, "insert into");
    let i = Number(asInt(a[0]));
    const n = l.a.length;
    if (i < 0) i = Math.max(0, i + n);
    if (i > n) i = n;
    th.charge(8);
    l.a.splice(i, 0, a[1]!);
    return null;
  });
  def("pop", (_th, l, a, k) => {
    arity(a, k, 0, 1);
    const n = l.a.length;
    if (n === 0) throw runtimeError("empty list");
    let i = a.length ? Number(asInt(a[0])) : n - 1;
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw runtimeError(`index ${a.length ? String(a[0]) : i} out of range [${-n}:${n - 1}]`);
    checkListMutable(l, "pop from");
    return l.a.splice(i, 1)[0]!;
  });
  def("remove", (_th, l, a, k) => {
    arity(a, k, 1, 1);
    checkListMutable(l, "remove from");
    for (let i = 0; i < l.a.length; i++) {
      if (equals(l.a[i]!, a[0]!)) {
        l.a.splice(i, 1);
        return null;
      }
    }
    throw runtimeError("element not found");
  });
}

function installDict(): void {
  const m = METHODS.dict;
  const def = (name: string, fn: (th: Thread, d: SDict, a: Value[], k: Kwargs) => Value): void =>
    void m.set(name, builtin(name, (th, a, k, self) => fn(th, self as SDict, a, k)));
  def("clear", (_th, d, a, k) => {
    arity(a, k, 0, 0);
    checkHashMutable(d, "clear");
    d.m.clear();
    d.ks = null;
    return null;
  });
  def("get", (_th, d, a, k) => {
    noKwargs(k);
    if (a.length === 1) {
      const v = d.m.get(keyOf(a[0]!));
      return v === undefined ? null : v;
    }
    arity(a, k, 1, 2);
    const v = dictGet(d, a[0]!);
    return v === undefined ? (a[1] ?? null) : v;
  });
  def("items", (th, d, a, k) => {
    arity(a, k, 0, 0);
    th.charge(d.m.size * 40);
    return new SList(Array.from(d.m, ([mk, v]) => new STuple([dictKey(d, mk), v])));
  });
  def("keys", (th, d, a, k) => {
    arity(a, k, 0, 0);
    th.charge(d.m.size * 8);
    return new SList(Array.from(d.m.keys(), (mk) => dictKey(d, mk)));
  });
  def("values", (th, d, a, k) => {
    arity(a, k, 0, 0);
    th.charge(d.m.size * 8);
    return new SList([...d.m.values()]);
  });
  def("pop", (_th, d, a, k) => {
    arity(a, k, 1, 2);
    const v = dictDelete(d, a[0]!);
    if (v !== undefined) return v;
    if (a.length === 2) return a[1]!;
    throw runtimeError("missing key");
  });
  def("popitem", (_th, d, a, k) => {
    arity(a, k, 0, 0);
    const first = d.m.entries().next();
    if (first.done) throw runtimeError("empty dict");
    checkHashMutable(d, "delete from");
    const [mk, v] = first.value;
    const key = dictKey(d, mk);
    d.m.delete(mk);
    d.ks?.delete(mk);
    return new STuple([key, v]);
  });
  def("setdefault", (th, d, a, k) => {
    const [key, dflt] = unpackArgs(a, k, ["key", "default?"]);
    const v = dictGet(d, key!);
    if (v !== undefined) return v;
    const nv = dflt ?? null;
    dictSet(th, d, key!, nv);
    return nv;
  });
  def("update", (th, d, a, k) => {
    if (a.length === 1 && a[0] === null) throw runtimeError("got NoneType, want iterable");
    dictFromArgs(th, d, a, k);
    return null;
  });
}

function installSet(): void {
  const m = METHODS.set;
  const def = (name: string, fn: (th: Thread, s: SSet, a: Value[], k: Kwargs) => Value): void =>
    void m.set(name, builtin(name, (th, a, k, self) => fn(th, self as SSet, a, k)));
  const others = (th: Thread, a: Value[], k: Kwargs): Value[][] => {
    if (k !== null && k.length > 0) throw runtimeError("does not accept keyword arguments");
    return a.map((x, i) => (x instanceof SSet ? [...x.m.values()] : iterArg(th, x, i + 1)));
  };
  const copy = (s: SSet): SSet => {
    const out = new SSet();
    for (const [kk, v] of s.m) out.m.set(kk, v);
    return out;
  };
  def("add", (th, s, a, k) => {
    arity(a, k, 1, 1);
    setAdd(th, s, a[0]!);
    return null;
  });
  def("clear", (_th, s, a, k) => {
    arity(a, k, 0, 0);
    if (s.m.size > 0 || s.frozen) {
      if (s.m.size > 0) checkHashMutable(s, "clear");
    }
    s.m.clear();
    return null;
  });
  def("discard", (_th, s, a, k) => {
    arity(a, k, 1, 1);
    const key = keyOf(a[0]!);
    checkHashMutable(s, "delete from");
    s.m.delete(key);
    return null;
  });
  def("remove", (_th, s, a, k) => {
    arity(a, k, 1, 1);
    const key = keyOf(a[0]!);
    checkHashMutable(s, "delete from");
    if (!s.m.delete(key)) throw runtimeError("missing key");
    return null;
  });
  def("pop", (_th, s, a, k) => {
    arity(a, k, 0, 0);
    checkHashMutable(s, "delete from");
    const first = s.m.entries().next();
    if (first.done) throw runtimeError("empty set");
    s.m.delete(first.value[0]);
    return first.value[1];
  });
  def("union", (th, s, a, k) => {
    const out = copy(s);
    for (const xs of others(th, a, k)) for (const x of xs) setAdd(th, out, x);
    return out;
  });
  def("update", (th, s, a, k) => {
    const lists = others(th, a, k);
    if (s.frozen) checkHashMutable(s, "insert into");
    for (const xs of lists) for (const x of xs) setAdd(th, s, x);
    return null;
  });
  def("intersection", (th, s, a, k) => {
    let cur = copy(s);
    for (const xs of others(th, a, k)) {
      const keys = new Set(xs.map(keyOf));
      const next = new SSet();
      for (const [kk, v] of cur.m) if (keys.has(kk)) next.m.set(kk, v);
      cur = next;
    }
    return cur;
  });
  def("difference", (th, s, a, k) => {
    const out = copy(s);
    for (const xs of others(th, a, k)) for (const x of xs) out.m.delete(keyOf(x));
    return out;
  });
  def("symmetric_difference", (th, s, a, k) => {
    arity(a, k, 1, 1);
    const out = copy(s);
    const [xs] = others(th, a, k) as [Value[]];
    for (const x of xs) {
      const kk = keyOf(x);
      if (s.m.has(kk)) out.m.delete(kk);
      else out.m.set(kk, x);
    }
    return out;
  });
  def("issubset", (th, s, a, k) => {
    arity(a, k, 1, 1);
    const x = a[0]!;
    if (x instanceof SRange) {
      for (const kk of s.m.keys()) {
        if (typeof kk !== "number" || !Number.isInteger(kk)) return false;
        const d = kk - x.start;
        if (d % x.step !== 0 || d / x.step < 0 || d / x.step >= x.len) return false;
      }
      return true;
    }
    const keys = x instanceof SSet ? x.m : new Set(iterArg(th, x, 1).map(keyOf));
    for (const kk of s.m.keys()) if (!keys.has(kk)) return false;
    return true;
  });
  def("issuperset", (th, s, a, k) => {
    arity(a, k, 1, 1);
    for (const x of iterArg(th, a[0]!, 1)) if (!s.m.has(keyOf(x))) return false;
    return true;
  });
}

function installBytes(): void {
  const m = METHODS.bytes;
  m.set("elems", builtin("elems", (_th, a, k, self) => {
    arity(a, k, 0, 0);
    return new SStringView((self as SBytes).s, "elems", true);
  }));
}

export function installCollectionMethods(): void {
  installList();
  installDict();
  installSet();
  installBytes();
}

// Methods of string (and the shared helpers for bytes).
import { METHODS } from "./attrs.ts";
import { builtin } from "./builtins.ts";
import { noKwargs, unpackArgs } from "./call.ts";
import type { Kwargs } from "./call.ts";
import { runtimeError } from "./errors.ts";
import type { Thread } from "./thread.ts";
import { strFormat } from "./values/format.ts";
import { elems } from "./values/iter.ts";
import { typeName } from "./values/ops-core.ts";
import { decodeRune, decodeUtf8, encodeUtf8, runes } from "./values/utf8.ts";
import type { BuiltinFn, Value } from "./values/value.ts";
import { SList, SStringView, STuple } from "./values/value.ts";

const RE = {
  upper: /\p{Lu}/u,
  lower: /\p{Ll}/u,
  title: /\p{Lt}/u,
  letter: /\p{L}/u,
  digit: /\p{Nd}/u,
  space: /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u,
};

const isUpper = (c: string): boolean => RE.upper.test(c);
const isLower = (c: string): boolean => RE.lower.test(c);
const isTitle = (c: string): boolean => RE.title.test(c);
const isCased = (c: string): boolean => isUpper(c) || isLower(c) || isTitle(c);

// Title-case forms of the Latin digraph letters (JS has no toTitleCase).
const TITLE: Record<string, string> = {
  "\u01c4": "\u01c5", "\u01c5": "\u01c5", "\u01c6": "\u01c5",
  "\u01c7": "\u01c8", "\u01c8": "\u01c8", "\u01c9": "\u01c8",
  "\u01ca": "\u01cb", "\u01cb": "\u01cb", "\u01cc": "\u01cb",
  "\u01f1": "\u01f2", "\u01f2": "\u01f2", "\u01f3": "\u01f2",
};
/** Per-code-point case mapping; like Go, a character whose mapping is not a single code point is kept. */
function single(c: string, mapped: string): string {
  return mapped.length === c.length || [...mapped].length === 1 ? mapped : c;
}
const toUpper = (c: string): string => single(c, c.toUpperCase());
const toLower = (c: string): string => single(c, c.toLowerCase());
function toTitle(c: string): string {
  return TITLE[c] ?? toUpper(c);
}

const ASCII = /^[\x00-\x7f]*$/;
function caseMap(s: string, f: (c: string) => string, ascii: (s: string) => string): string {
  if (ASCII.test(s)) return ascii(s);
  let out = "";
  for (const c of decodeUtf8(s)) out += f(c);
  return encodeUtf8(out);
}

function str(v: Value | undefined, what = "string"): string {
  if (typeof v === "string") return v;
  throw runtimeError(`got ${typeName(v ?? null)}, want ${what}`);
}

function boolArg(v: Value | undefined): boolean {
  if (v === undefined) return false;
  if (typeof v === "boolean") return v;
  throw runtimeError(`got ${typeName(v)}, want bool`);
}

/** Clamps optional start/end (ints or None) to [0, n] like Python's str methods. */
export function span(n: number, start: Value | undefined, end: Value | undefined): [number, number] {
  const conv = (v: Value | undefined, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    if (typeof v === "bigint") return v < 0n ? 0 : n;
    if (typeof v !== "number") throw runtimeError(`got ${typeName(v)}, want int`);
    const x = v < 0 ? v + n : v;
    return x < 0 ? 0 : x > n ? n : x;
  };
  return [conv(start, 0), conv(end, n)];
}

const WS = " \t\n\v\f\r";
const isWs = (c: string): boolean => WS.includes(c);

function splitWhitespace(s: string, max: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (true) {
    while (i < n && isWs(s[i]!)) i++;
    if (i >= n) break;
    if (max >= 0 && out.length === max) {
      out.push(s.slice(i));
      break;
    }
    let j = i;
    while (j < n && !isWs(s[j]!)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function rsplitWhitespace(s: string, max: number): string[] {
  const out: string[] = [];
  let i = s.length;
  while (true) {
    while (i > 0 && isWs(s[i - 1]!)) i--;
    if (i <= 0) break;
    if (max >= 0 && out.length === max) {
      out.push(s.slice(0, i));
      break;
    }
    let j = i;
    while (j > 0 && !isWs(s[j - 1]!)) j--;
    out.push(s.slice(j, i));
    i = j;
  }
  return out.reverse();
}

function splitImpl(s: string, args: Value[], kw: Kwargs, right: boolean): Value {
  const [sep, maxv] = unpackArgs(args, kw, ["sep?", "maxsplit?"]);
  const max = maxv === undefined || maxv === null ? -1 : Number(maxv as number);
  if (sep === undefined || sep === null) return new SList(right ? rsplitWhitespace(s, max) : splitWhitespace(s, max));
  const sp = str(sep);
  if (sp === "") throw runtimeError("empty separator");
  const parts = s.split(sp);
  if (max < 0 || parts.length - 1 <= max) return new SList(parts);
  if (!right) return new SList([...parts.slice(0, max), parts.slice(max).join(sp)]);
  return new SList([parts.slice(0, parts.length - max).join(sp), ...parts.slice(parts.length - max)]);
}

function prefixCheck(s: string, args: Value[], kw: Kwargs, ends: boolean): boolean {
  const [x, start, end] = unpackArgs(args, kw, ["prefix", "start?", "end?"]);
  const [a, b] = span(s.length, start, end);
  const sub = a <= b ? s.slice(a, b) : "";
  const test = (p: string): boolean => (a > s.length ? false : ends ? sub.endsWith(p) : sub.startsWith(p));
  if (typeof x === "string") return test(x);
  if (x instanceof STuple) {
    return x.a.some((p, i) => {
      if (typeof p !== "string") throw runtimeError(`want string, got ${typeName(p)}, for element ${i}`);
      return test(p);
    });
  }
  throw runtimeError(`got ${typeName(x!)}, want string or tuple of strings`);
}

function findImpl(s: string, args: Value[], kw: Kwargs, right: boolean): number {
  const [sub, start, end] = unpackArgs(args, kw, ["sub", "start?", "end?"]);
  const t = str(sub);
  const [a, b] = span(s.length, start, end);
  if (a > b) return -1;
  const region = s.slice(a, b);
  const i = right ? region.lastIndexOf(t) : region.indexOf(t);
  return i < 0 ? -1 : i + a;
}

function stripImpl(s: string, args: Value[], kw: Kwargs, left: boolean, right: boolean): string {
  const [chars] = unpackArgs(args, kw, ["chars?"]);
  if (chars === undefined || chars === null || chars === "") {
    let a = 0;
    let b = s.length;
    if (left) while (a < b && isWs(s[a]!)) a++;
    if (right) while (b > a && isWs(s[b - 1]!)) b--;
    return s.slice(a, b);
  }
  const set = new Set(runes(str(chars)));
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  if (left) while (a < b && set.has(rs[a]!)) a++;
  if (right) while (b > a && set.has(rs[b - 1]!)) b--;
  return encodeUtf8(String.fromCodePoint(...rs.slice(a, b)));
}

function predicate(test: (chars: string[]) => boolean): BuiltinFn {
  return (_th, args, kw, self) => {
    noKwargs(kw);
    if (args.length) throw runtimeError(`got ${args.length} arguments, want 0`);
    return test([...decodeUtf8(self as string)]);
  };
}

function istitle(cs: string[]): boolean {
  let cased = false;
  let prevCased = false;
  for (const c of cs) {
    if ((c >= "A" && c <= "Z") || isTitle(c)) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (isLower(c)) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (isUpper(c)) {
      return false;
    } else prevCased = false;
  }
  return cased;
}

function titleCase(t: string): string {
  let out = "";
  let prev = false;
  for (const c of t) {
    const r = prev ? toLower(c) : toTitle(c);
    prev = isCased(r);
    out += r;
  }
  return out;
}

export function installStringMethods(): void {
  const m = METHODS.string;
  const def = (name: string, fn: (th: Thread, self: string, args: Value[], kw: Kwargs) => Value): void => {
    m.set(name, builtin(name, (th, args, kw, self) => fn(th, self as string, args, kw)));
  };
  const noArgs = (args: Value[], kw: Kwargs): void => {
    noKwargs(kw);
    if (args.length) throw runtimeError(`got ${args.length} arguments, want 0`);
  };
  def("capitalize", (_th, s, a, k) => {
    noArgs(a, k);
    const t = decodeUtf8(s);
    const first = String.fromCodePoint(t.codePointAt(0) ?? 0);
    return t.length === 0 ? "" : encodeUtf8(toTitle(first) + [...t.slice(first.length)].map(toLower).join(""));
  });
  def("count", (_th, s, a, k) => {
    const [sub, start, end] = unpackArgs(a, k, ["sub", "start?", "end?"]);
    const t = str(sub);
    const [x, y] = span(s.length, start, end);
    if (x > y) return 0;
    const region = s.slice(x, y);
    if (t === "") return region.length + 1;
    return region.split(t).length - 1;
  });
  for (const kind of ["elems", "elem_ords", "codepoints", "codepoint_ords"] as const) {
    def(kind, (_th, s, a, k) => {
      noArgs(a, k);
      return new SStringView(s, kind);
    });
  }
  def("endswith", (_th, s, a, k) => {
    if (k === null && a.length === 1 && typeof a[0] === "string") return s.endsWith(a[0]);
    return prefixCheck(s, a, k, true);
  });
  def("startswith", (_th, s, a, k) => {
    if (k === null && a.length === 1 && typeof a[0] === "string") return s.startsWith(a[0]);
    return prefixCheck(s, a, k, false);
  });
  def("find", (_th, s, a, k) => findImpl(s, a, k, false));
  def("rfind", (_th, s, a, k) => findImpl(s, a, k, true));
  def("index", (_th, s, a, k) => {
    const i = findImpl(s, a, k, false);
    if (i < 0) throw runtimeError("substring not found");
    return i;
  });
  def("rindex", (_th, s, a, k) => {
    const i = findImpl(s, a, k, true);
    if (i < 0) throw runtimeError("substring not found");
    return i;
  });
  def("format", (th, s, a, k) => strFormat(th, s, a, k));
  m.set("isalnum", builtin("isalnum", predicate((cs) => cs.length > 0 && cs.every((c) => RE.letter.test(c) || RE.digit.test(c)))));
  m.set("isalpha", builtin("isalpha", predicate((cs) => cs.length > 0 && cs.every((c) => RE.letter.test(c)))));
  m.set("isdigit", builtin("isdigit", predicate((cs) => cs.length > 0 && cs.every((c) => RE.digit.test(c)))));
  m.set("isspace", builtin("isspace", predicate((cs) => cs.length > 0 && cs.every((c) => RE.space.test(c)))));
  m.set("islower", builtin("islower", predicate((cs) => {
    let cased = false;
    for (const c of cs) {
      if (isUpper(c) || isTitle(c)) return false;
      if (isLower(c)) cased = true;
    }
    return cased;
  })));
  m.set("isupper", builtin("isupper", predicate((cs) => {
    let cased = false;
    for (const c of cs) {
      if (isLower(c) || isTitle(c)) return false;
      if (isUpper(c)) cased = true;
    }
    return cased;
  })));
  m.set("istitle", builtin("istitle", predicate(istitle)));
  def("join", (th, s, a, k) => {
    noKwargs(k);
    if (a.length !== 1) throw runtimeError(`got ${a.length} arguments, want 1`);
    const x = a[0]!;
    if (typeof x === "string") throw runtimeError("got string, want iterable");
    const items = elems(th, x);
    let len = 0;
    for (const v of items) {
      if (typeof v !== "string") throw runtimeError(`in list, want string, got ${typeName(v)}`);
      len += v.length + s.length;
    }
    th.charge(len);
    return (items as string[]).join(s);
  });
  def("lower", (_th, s, a, k) => (noArgs(a, k), caseMap(s, toLower, (t) => t.toLowerCase())));
  def("upper", (_th, s, a, k) => (noArgs(a, k), caseMap(s, toUpper, (t) => t.toUpperCase())));
  def("title", (_th, s, a, k) => (noArgs(a, k), encodeUtf8(titleCase(decodeUtf8(s)))));
  def("lstrip", (_th, s, a, k) => stripImpl(s, a, k, true, false));
  def("rstrip", (_th, s, a, k) => stripImpl(s, a, k, false, true));
  def("strip", (_th, s, a, k) => stripImpl(s, a, k, true, true));
  def("partition", (_th, s, a, k) => {
    const [sep] = unpackArgs(a, k, ["sep"]);
    const t = str(sep);
    if (t === "") throw runtimeError("empty separator");
    const i = s.indexOf(t);
    return new STuple(i < 0 ? [s, "", ""] : [s.slice(0, i), t, s.slice(i + t.length)]);
  });
  def("rpartition", (_th, s, a, k) => {
    const [sep] = unpackArgs(a, k, ["sep"]);
    const t = str(sep);
    if (t === "") throw runtimeError("empty separator");
    const i = s.lastIndexOf(t);
    return new STuple(i < 0 ? ["", "", s] : [s.slice(0, i), t, s.slice(i + t.length)]);
  });
  def("removeprefix", (_th, s, a, k) => {
    const [p] = unpackArgs(a, k, ["prefix"]);
    const t = str(p);
    return s.startsWith(t) ? s.slice(t.length) : s;
  });
  def("removesuffix", (_th, s, a, k) => {
    const [p] = unpackArgs(a, k, ["suffix"]);
    const t = str(p);
    return t !== "" && s.endsWith(t) ? s.slice(0, s.length - t.length) : s;
  });
  def("replace", (th, s, a, k) => {
    const [o, nw, cnt] = unpackArgs(a, k, ["old", "new", "count?"]);
    const old = str(o);
    const rep = str(nw);
    let n = cnt === undefined || cnt === null ? -1 : Number(cnt as number);
    if (old === "") {
      // insert at every code point boundary, as starlark-go does
      const parts: string[] = [];
      for (let i = 0; i < s.length; ) {
        const w = decodeRune(s, i)[1];
        parts.push(s.slice(i, i + w));
        i += w;
      }
      let out = "";
      for (let i = 0; i <= parts.length; i++) {
        if (n !== 0) {
          out += rep;
          n--;
        }
        if (i < parts.length) out += parts[i];
      }
      th.charge(out.length);
      return out;
    }
    if (n < 0) {
      const r = s.split(old).join(rep);
      th.charge(r.length);
      return r;
    }
    let out = "";
    let i = 0;
    while (n > 0) {
      const j = old === "" ? (i <= s.length ? i : -1) : s.indexOf(old, i);
      if (j < 0) break;
      out += s.slice(i, j) + rep;
      if (old === "") {
        if (j < s.length) out += s[j];
        i = j + 1;
      } else i = j + old.length;
      n--;
    }
    out += s.slice(i);
    th.charge(out.length);
    return out;
  });
  def("split", (th, s, a, k) => {
    th.charge(s.length);
    return splitImpl(s, a, k, false);
  });
  def("rsplit", (th, s, a, k) => {
    th.charge(s.length);
    return splitImpl(s, a, k, true);
  });
  def("splitlines", (th, s, a, k) => {
    th.charge(s.length);
    const [ke] = unpackArgs(a, k, ["keepends?"]);
    const keep = boolArg(ke);
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      const j = s.indexOf("\n", i);
      if (j < 0) {
        out.push(s.slice(i));
        break;
      }
      out.push(s.slice(i, keep ? j + 1 : j));
      i = j + 1;
    }
    return new SList(out);
  });
}

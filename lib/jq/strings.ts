import { runtimeError } from "./errors";
import type { Value } from "./values";

const SURROGATE = /[\ud800-\udfff]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Code points of a string (lone surrogates become U+FFFD). */
export function toCodepoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

export function codepointLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Slices a string by code point offsets. */
export function sliceCodepoints(s: string, start: number, end: number): string {
  if (!hasSurrogates(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join("");
}

/** Converts a code point offset to a UTF-16 offset. */
export function cpToUnit(s: string, cp: number): number {
  if (!hasSurrogates(s)) return cp;
  let unit = 0;
  for (let i = 0; i < cp && unit < s.length; i++) {
    const c = s.charCodeAt(unit);
    unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < s.length ? 2 : 1;
  }
  return unit;
}

/** Converts a UTF-16 offset to a code point offset. */
export function unitToCp(s: string, unit: number): number {
  if (!hasSurrogates(s)) return unit;
  let cp = 0;
  for (let i = 0; i < unit; ) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    cp++;
  }
  return cp;
}

function bound(x: Value, len: number, dflt: number, round: (n: number) => number): number {
  if (x === null || (typeof x === "number" && Number.isNaN(x))) return dflt;
  if (typeof x !== "number") throw runtimeError("Start and end indices of an array slice must be numbers");
  let n = round(x);
  if (n < 0) n += len;
  return Math.max(0, Math.min(len, n));
}

/** `.[s:e]` on an array or string. */
export function sliceValue(t: Value[] | string, s: Value, e: Value): Value {
  const len = typeof t === "string" ? codepointLength(t) : t.length;
  const a = bound(s, len, 0, Math.floor);
  const b = Math.max(a, bound(e, len, len, Math.ceil));
  return typeof t === "string" ? sliceCodepoints(t, a, b) : t.slice(a, b);
}

export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Code point indices of every occurrence of `needle` in `s` (overlapping). */
export function stringIndices(s: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  let i = s.indexOf(needle);
  const sur = hasSurrogates(s);
  while (i >= 0) {
    out.push(sur ? unitToCp(s, i) : i);
    i = s.indexOf(needle, i + 1);
  }
  return out;
}

export function encodeUtf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Decodes UTF-8 bytes, replacing invalid sequences with U+FFFD. */
export function decodeUtf8(b: ArrayLike<number>): string {
  let out = "";
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let cp = 0xfffd;
    let n = 1;
    if (c < 0x80) cp = c;
    else if (c >= 0xc2 && c < 0xe0 && i + 1 < b.length && (b[i + 1]! & 0xc0) === 0x80) {
      cp = ((c & 31) << 6) | (b[i + 1]! & 63);
      n = 2;
    } else if (c >= 0xe0 && c < 0xf0 && i + 2 < b.length && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80) {
      cp = ((c & 15) << 12) | ((b[i + 1]! & 63) << 6) | (b[i + 2]! & 63);
      n = 3;
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    } else if (c >= 0xf0 && c < 0xf5 && i + 3 < b.length && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80 && (b[i + 3]! & 0xc0) === 0x80) {
      cp = ((c & 7) << 18) | ((b[i + 1]! & 63) << 12) | ((b[i + 2]! & 63) << 6) | (b[i + 3]! & 63);
      n = 4;
      if (cp < 0x10000 || cp > 0x10ffff) cp = 0xfffd;
    }
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

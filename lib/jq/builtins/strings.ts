import { runtimeError } from "../errors";
import { splitString } from "../ops";
import { arrayIndices } from "../paths";
import { stringIndices, toCodepoints } from "../strings";
import { describe, dump } from "../values";
import type { Value } from "../values";
import { applyFormat } from "./formats";
import { fn } from "./define";
import type { NativeTable } from "./define";

const WS = "\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function ltrim(s: string): string {
  let i = 0;
  while (i < s.length && WS.includes(s[i]!)) i++;
  return s.slice(i);
}
function rtrim(s: string): string {
  let i = s.length;
  while (i > 0 && WS.includes(s[i - 1]!)) i--;
  return s.slice(0, i);
}

function str(v: Value, msg: string): string {
  if (typeof v !== "string") throw runtimeError(msg);
  return v;
}

function indices(v: Value, x: Value): Value {
  if (v === null) return null;
  if (typeof v === "string" && typeof x === "string") return stringIndices(v, x);
  if (Array.isArray(v)) return arrayIndices(v, Array.isArray(x) ? x : [x]);
  if (typeof v === "string") throw runtimeError(`Cannot index string with ${describe(x)}`);
  throw runtimeError(`Cannot index ${describe(v).split(" ")[0]} with ${describe(x).split(" ")[0]}`);
}

export function registerStrings(t: NativeTable): void {
  fn(t, "split", 1, (v, sep) => {
    if (typeof v !== "string" || typeof sep !== "string") throw runtimeError("split input and separator must be strings");
    return splitString(v, sep);
  });
  fn(t, "ascii_downcase", 0, (v) => str(v, "ascii_downcase input must be a string").replace(/[A-Z]/g, (c) => c.toLowerCase()));
  fn(t, "ascii_upcase", 0, (v) => str(v, "ascii_upcase input must be a string").replace(/[a-z]/g, (c) => c.toUpperCase()));
  fn(t, "startswith", 1, (v, x) => {
    if (typeof v !== "string" || typeof x !== "string") throw runtimeError("startswith() requires string inputs");
    return v.startsWith(x);
  });
  fn(t, "endswith", 1, (v, x) => {
    if (typeof v !== "string" || typeof x !== "string") throw runtimeError("endswith() requires string inputs");
    return v.endsWith(x);
  });
  fn(t, "ltrimstr", 1, (v, x) => {
    if (typeof v !== "string" || typeof x !== "string") throw runtimeError("startswith() requires string inputs");
    return v.startsWith(x) ? v.slice(x.length) : v;
  });
  fn(t, "rtrimstr", 1, (v, x) => {
    if (typeof v !== "string" || typeof x !== "string") throw runtimeError("endswith() requires string inputs");
    return v.endsWith(x) && x.length ? v.slice(0, v.length - x.length) : v;
  });
  fn(t, "trimstr", 1, (v, x) => {
    if (typeof v !== "string" || typeof x !== "string") throw runtimeError("startswith() requires string inputs");
    let s = v.startsWith(x) ? v.slice(x.length) : v;
    if (x.length && s.endsWith(x)) s = s.slice(0, s.length - x.length);
    return s;
  });
  fn(t, "trim", 0, (v) => ltrim(rtrim(str(v, "trim input must be a string"))));
  fn(t, "ltrim", 0, (v) => ltrim(str(v, "trim input must be a string")));
  fn(t, "rtrim", 0, (v) => rtrim(str(v, "trim input must be a string")));
  fn(t, "explode", 0, (v) => toCodepoints(str(v, `${describe(v)} cannot be exploded, it must be a string`)));
  fn(t, "implode", 0, (v) => {
    if (!Array.isArray(v)) throw runtimeError("implode input must be an array");
    let out = "";
    for (const c of v) {
      if (typeof c !== "number" || Number.isNaN(c)) throw runtimeError(`${describe(c)} can't be imploded, unicode codepoint needs to be numeric`);
      let n = Math.trunc(c);
      if (n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) n = 0xfffd;
      out += String.fromCodePoint(n);
    }
    return out;
  });
  fn(t, "_strindices", 1, (v, x) => {
    if (typeof v !== "string") throw runtimeError(`${describe(v)} cannot be searched, as it is not a string`);
    if (typeof x !== "string") throw runtimeError(`${describe(x)} is not a string`);
    return stringIndices(v, x);
  });
  fn(t, "indices", 1, indices);
  fn(t, "index", 1, (v, x) => {
    const r = indices(v, x);
    return Array.isArray(r) ? (r[0] ?? null) : null;
  });
  fn(t, "rindex", 1, (v, x) => {
    const r = indices(v, x);
    return Array.isArray(r) ? (r[r.length - 1] ?? null) : null;
  });
  fn(t, "format", 1, (v, f) => applyFormat(str(f, `${describe(f)} is not a valid format`), v));
  fn(t, "fromjson", 0, (v) => parseJson(str(v, `${describe(v)} cannot be parsed as JSON`)));
}

function jsonDepth(s: string): number {
  let depth = 0;
  let max = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
    } else if (c === 34) inStr = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** `fromjson`: JSON text (plus jq's `nan`) to a value, with jq-like error messages. */
export function parseJson(s: string): Value {
  const trimmed = s.trim();
  if (/^-?nan$/i.test(trimmed)) return NaN;
  if (jsonDepth(s) > 10000) throw runtimeError(`Exceeds depth limit for parsing (while parsing '${s.slice(0, 40)}')`);
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    if (/^-?NaN\d/i.test(trimmed)) {
      throw runtimeError(`Invalid numeric literal at EOF at line 1, column ${trimmed.length} (while parsing '${s}')`);
    }
    const q = s.indexOf("'");
    if (q >= 0) throw runtimeError(`Invalid string literal; expected ", but got ' at line 1, column ${s.indexOf(":", q) + 1} (while parsing '${s}')`);
    throw runtimeError(`${dump(s)} is not valid JSON (while parsing '${s}')`);
  }
  return v as Value;
}

// The string % operator and str.format.
import { runtimeError } from "../errors.ts";
import type { Thread } from "../thread.ts";
import { formatE, formatF, formatFloat } from "./float.ts";
import { floatToInt, intToFloat } from "./int.ts";
import { typeName } from "./ops-core.ts";
import { repr, str } from "./repr.ts";
import { decodeRune, runeToUtf8 } from "./utf8.ts";
import { dictGet } from "./hashtable.ts";
import type { Value } from "./value.ts";
import { SDict, SFloat, STuple } from "./value.ts";

function intArg(c: string, v: Value): number | bigint {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (v instanceof SFloat) return floatToInt(v.v);
  if (typeof v === "boolean") throw runtimeError("cannot convert bool to int");
  throw runtimeError(`%${c} format requires integer: ${typeName(v)}`);
}

function radix(n: number | bigint, base: number, upper: boolean): string {
  const s = n.toString(base);
  return upper ? s.toUpperCase() : s;
}

/** fmt % arg */
export function percentFormat(th: Thread, fmt: string, arg: Value): string {
  const args = arg instanceof STuple ? arg.a : [arg];
  let ai = 0;
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== "%") {
      let j = fmt.indexOf("%", i);
      if (j < 0) j = fmt.length;
      out += fmt.slice(i, j);
      i = j - 1;
      continue;
    }
    i++;
    if (i >= fmt.length) throw runtimeError("incomplete format");
    let v: Value;
    if (fmt[i] === "(") {
      const j = fmt.indexOf(")", i);
      if (j < 0) throw runtimeError("incomplete format key");
      const key = fmt.slice(i + 1, j);
      if (!(arg instanceof SDict)) throw runtimeError("format requires a mapping");
      const got = dictGet(arg, key);
      if (got === undefined) throw runtimeError(`key ${repr(key)} not in dict`);
      v = got;
      i = j + 1;
      if (i >= fmt.length) throw runtimeError("incomplete format");
    } else if (fmt[i] === "%") {
      out += "%";
      continue;
    } else {
      if (ai >= args.length) throw runtimeError("not enough arguments for format string");
      v = args[ai++]!;
    }
    const c = fmt[i]!;
    switch (c) {
      case "s": out += str(v, th); break;
      case "r": out += repr(v, th); break;
      case "d":
      case "i": out += String(intArg(c, v)); break;
      case "o": out += radix(intArg(c, v), 8, false); break;
      case "x":
      case "X": out += radix(intArg(c, v), 16, c === "X"); break;
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G": {
        let f: number;
        if (v instanceof SFloat) f = v.v;
        else if (typeof v === "number" || typeof v === "bigint") f = intToFloat(v);
        else throw runtimeError(`%${c} format requires float, not ${typeName(v)}`);
        const lc = c.toLowerCase();
        let s = lc === "e" ? formatE(f) : lc === "f" ? formatF(f) : formatFloat(f);
        if (c !== lc) s = s.toUpperCase();
        out += s;
        break;
      }
      case "c": {
        if (typeof v === "bigint") throw runtimeError(`%c format requires a valid Unicode code point, got ${v}`);
        if (typeof v === "number") {
          if (v < 0 || v > 0x10ffff) throw runtimeError(`%c format requires a valid Unicode code point, got ${v}`);
          out += runeToUtf8(v);
        } else if (typeof v === "string") {
          const [, w] = v.length ? decodeRune(v, 0) : [0, 0];
          if (v.length === 0 || w !== v.length) throw runtimeError(`%c format requires a single-character string`);
          out += v;
        } else {
          throw runtimeError(`%c format requires int or single-character string, not ${typeName(v)}`);
        }
        break;
      }
      default:
        throw runtimeError(`unknown conversion %${c}`);
    }
    th.charge(0);
  }
  if (ai < args.length && !(arg instanceof SDict)) throw runtimeError("too many arguments for format string");
  th.charge(out.length);
  return out;
}

/** str.format(*args, **kwargs) */
export function strFormat(th: Thread, fmt: string, args: Value[], kwargs: [string, Value][] | null): string {
  let out = "";
  let auto = 0;
  let mode: "" | "auto" | "manual" = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === "}") {
      if (fmt[i + 1] === "}") {
        out += "}";
        i++;
        continue;
      }
      throw runtimeError("single '}' in format");
    }
    if (c !== "{") {
      out += c;
      continue;
    }
    if (fmt[i + 1] === "{") {
      out += "{";
      i++;
      continue;
    }
    const j = fmt.indexOf("}", i + 1);
    if (j < 0) throw runtimeError("unmatched '{' in format");
    const field = fmt.slice(i + 1, j);
    i = j;
    if (field.includes("{")) throw runtimeError("nested replacement fields not supported");
    let name = field;
    let conv = "s";
    const bang = field.indexOf("!");
    if (bang >= 0) {
      name = field.slice(0, bang);
      conv = field.slice(bang + 1);
    }
    if (name.includes(":")) throw runtimeError("format spec features not supported in replacement fields");
    let v: Value;
    if (name === "") {
      if (mode === "manual") throw runtimeError("cannot switch from manual field specification to automatic field numbering");
      mode = "auto";
      if (auto >= args.length) throw runtimeError("tuple index out of range");
      v = args[auto++]!;
    } else if (/^\d+$/.test(name)) {
      if (mode === "auto") throw runtimeError("cannot switch from automatic field numbering to manual field specification");
      mode = "manual";
      const k = Number(name);
      if (k >= args.length) throw runtimeError("tuple index out of range");
      v = args[k]!;
    } else {
      if (name.includes(".")) throw runtimeError("attribute syntax x.y is not supported in replacement fields");
      if (name.includes("[")) throw runtimeError("element syntax a[i] is not supported in replacement fields");
      const kv = kwargs?.find((p) => p[0] === name);
      if (!kv) throw runtimeError(`keyword ${name} not found`);
      v = kv[1];
    }
    if (conv === "s") out += str(v, th);
    else if (conv === "r") out += repr(v, th);
    else throw runtimeError(`unknown conversion ${JSON.stringify(conv)}`);
  }
  th.charge(out.length);
  return out;
}

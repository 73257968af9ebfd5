// The `json` module: encode, decode, indent, encode_indent.
import { attrNames, getAttrOpt } from "./attrs.ts";
import { builtin } from "./builtins.ts";
import { unpackArgs } from "./call.ts";
import { runtimeError } from "./errors.ts";
import type { Thread } from "./thread.ts";
import { formatFloat } from "./values/float.ts";
import { norm } from "./values/int.ts";
import { toArray } from "./values/iter.ts";
import { typeName } from "./values/ops-core.ts";
import { decodeRune, runeToUtf8 } from "./values/utf8.ts";
import type { Value } from "./values/value.ts";
import { dictKey, SDict, SFloat, SHost, SList, SModule, SRange, SStruct, STuple } from "./values/value.ts";

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}

/** JSON string literal of a byte string (invalid UTF-8 becomes U+FFFD). */
const PLAIN = /^[^"\\\x00-\x1f\x7f-\xff]*$/;

export function jsonQuote(s: string): string {
  if (PLAIN.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const b = s.charCodeAt(i);
    if (b < 0x80) {
      i++;
      if (b === 34) out += '\\"';
      else if (b === 92) out += "\\\\";
      else if (b === 10) out += "\\n";
      else if (b === 13) out += "\\r";
      else if (b === 9) out += "\\t";
      else if (b < 0x20 || b === 0x7f) out += "\\u" + hex4(b);
      else out += String.fromCharCode(b);
      continue;
    }
    const [c, w] = decodeRune(s, i);
    if (c === 0xfffd && w === 1) out += "\\ufffd";
    else out += s.slice(i, i + w);
    i += w;
  }
  return out + '"';
}

/** json.encode: dict keys sorted, cycles and non-JSON values rejected. */
export function jsonEncode(th: Thread, x: Value): string {
  const enc = new Encoder(th);
  enc.value(x);
  th.charge(enc.out.length);
  return enc.out;
}

function where(kind: string, at: string | number): string {
  return kind === "dict" ? `in dict key ${jsonQuote(at as string)}` : kind === "field" ? `in field .${at}` : `at ${kind} index ${at}`;
}

/** Prefixes the location of a nested failure onto a runtime error. */
function annotate(e: unknown, kind: string, at: string | number): unknown {
  if (e instanceof Error && (e as { code?: string }).code === "runtime") e.message = `${where(kind, at)}: ${e.message}`;
  return e;
}

class Encoder {
  out = "";
  private readonly path = new Set<object>();
  constructor(private readonly th: Thread) {}

  value(v: Value): void {
    switch (typeof v) {
      case "boolean": this.out += v ? "true" : "false"; return;
      case "number":
      case "bigint": this.out += String(v); return;
      case "string":
        if (v.length > 64) this.th.charge(v.length);
        this.out += jsonQuote(v);
        return;
    }
    if (v === null) {
      this.out += "null";
      return;
    }
    if (v instanceof SFloat) {
      if (!Number.isFinite(v.v)) throw runtimeError(`cannot encode non-finite float ${formatFloat(v.v)}`);
      this.out += formatFloat(v.v);
      return;
    }
    const path = this.path;
    if (path.has(v)) throw runtimeError("cycle in JSON structure");
    if (v instanceof SDict) {
      path.add(v);
      const keys: string[] = [];
      for (const mk of v.m.keys()) {
        const k = dictKey(v, mk);
        if (typeof k !== "string") throw runtimeError(`dict has ${typeName(k)} key, want string`);
        keys.push(k);
      }
      if (keys.length > 1) keys.sort();
      this.out += "{";
      let k = "";
      try {
        for (let i = 0; i < keys.length; i++) {
          k = keys[i]!;
          if (i > 0) this.out += ",";
          this.out += jsonQuote(k) + ":";
          this.value(v.m.get(k)!);
        }
      } catch (e) {
        throw annotate(e, "dict", k);
      }
      this.out += "}";
      path.delete(v);
      return;
    }
    if (v instanceof SList || v instanceof STuple || v instanceof SRange) {
      path.add(v);
      const kind = v instanceof SList ? "list" : v instanceof STuple ? "tuple" : "range";
      const a = v instanceof SRange ? toArray(this.th, v) : v.a;
      this.out += "[";
      let i = 0;
      try {
        for (; i < a.length; i++) {
          if (i > 0) this.out += ",";
          this.value(a[i]!);
        }
      } catch (e) {
        throw annotate(e, kind, i);
      }
      this.out += "]";
      path.delete(v);
      return;
    }
    if (v instanceof SStruct || v instanceof SModule || (v instanceof SHost && v.attrNames().length > 0)) {
      path.add(v);
      this.out += "{";
      const names = attrNames(v);
      let name = "";
      try {
        for (let i = 0; i < names.length; i++) {
          name = names[i]!;
          if (i > 0) this.out += ",";
          this.out += jsonQuote(name) + ":";
          this.value(getAttrOpt(v, name)!);
        }
      } catch (e) {
        throw annotate(e, "field", name);
      }
      this.out += "}";
      path.delete(v);
      return;
    }
    throw runtimeError(`cannot encode ${typeName(v)} as JSON`);
  }
}

function quoteChar(c: string): string {
  return c === "'" ? "'\\''" : `'${c}'`;
}

/** Parses JSON text (a byte string) into Starlark values. */
export function jsonDecode(th: Thread, s: string): Value {
  let i = 0;
  const n = s.length;
  const fail = (msg: string): never => {
    throw runtimeError(`at offset ${i}, ${msg}`);
  };
  const ws = (): void => {
    while (i < n && (s[i] === " " || s[i] === "\t" || s[i] === "\n" || s[i] === "\r")) i++;
  };
  const value = (depth: number): Value => {
    if (depth > 1000) fail("nesting too deep");
    ws();
    if (i >= n) fail("unexpected end of file");
    const c = s[i]!;
    if (c === "{") {
      i++;
      const d = new SDict();
      ws();
      if (s[i] === "}") {
        i++;
        return d;
      }
      for (;;) {
        ws();
        if (i >= n) fail("unexpected end of file");
        if (s[i] !== '"') fail(`unexpected character ${quoteChar(s[i]!)}`);
        const k = str();
        ws();
        if (i >= n) fail("unexpected end of file");
        if (s[i] !== ":") fail(`after object key, got ${quoteChar(s[i]!)}, want ':'`);
        i++;
        const v = value(depth + 1);
        d.m.set(k, v);
        th.charge(48);
        ws();
        if (i >= n) fail("unexpected end of file");
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === "}") {
          i++;
          return d;
        }
        fail(`in object, got ${quoteChar(s[i]!)}, want ',' or '}'`);
      }
    }
    if (c === "[") {
      i++;
      const items: Value[] = [];
      ws();
      if (s[i] === "]") {
        i++;
        return new SList(items);
      }
      for (;;) {
        items.push(value(depth + 1));
        th.charge(8);
        ws();
        if (i >= n) fail("unexpected end of file");
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === "]") {
          i++;
          return new SList(items);
        }
        fail(`got ${quoteChar(s[i]!)}, want ',' or ']'`);
      }
    }
    if (c === '"') return str();
    if (s.startsWith("true", i)) return (i += 4), true;
    if (s.startsWith("false", i)) return (i += 5), false;
    if (s.startsWith("null", i)) return (i += 4), null;
    if (c === "-" || (c >= "0" && c <= "9")) {
      const j0 = i;
      while (i < n && /[0-9.eE+-]/.test(s[i]!)) i++;
      const tok = s.slice(j0, i);
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(tok)) {
        i = j0;
        fail(`invalid number: ${tok}`);
      }
      if (/[.eE]/.test(tok)) {
        const f = Number(tok);
        if (!Number.isFinite(f)) {
          i = j0;
          fail(`invalid number: ${tok}`);
        }
        return new SFloat(f);
      }
      return norm(BigInt(tok));
    }
    return fail(`unexpected character ${quoteChar(c)}`);
  };
  const str = (): string => {
    const start = i;
    i++;
    let out = "";
    for (;;) {
      if (i >= n) {
        i = start;
        fail("unclosed string literal");
      }
      const c = s[i]!;
      if (c === '"') {
        i++;
        th.charge(out.length);
        return out;
      }
      if (c.charCodeAt(0) < 0x20) fail("control character in string literal");
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const d = s[i + 1];
      i += 2;
      switch (d) {
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "/": out += "/"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "u": {
          const h = s.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) fail(`invalid escape sequence \\u${h}`);
          let cp = parseInt(h, 16);
          i += 4;
          if (cp >= 0xd800 && cp < 0xdc00 && s[i] === "\\" && s[i + 1] === "u") {
            const h2 = s.slice(i + 2, i + 6);
            const lo = /^[0-9a-fA-F]{4}$/.test(h2) ? parseInt(h2, 16) : 0;
            if (lo >= 0xdc00 && lo < 0xe000) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
              i += 6;
            }
          }
          out += runeToUtf8(cp);
          break;
        }
        default:
          i -= 2;
          fail(`invalid escape sequence \\${d ?? ""}`);
      }
    }
  };
  const v = value(0);
  ws();
  if (i < n) fail(`unexpected character ${quoteChar(s[i]!)} after value`);
  return v;
}

/** Re-indents valid JSON text like Go's json.Indent. */
export function jsonIndent(th: Thread, s: string, prefix: string, indent: string): string {
  try {
    jsonDecode(th, s);
  } catch (e) {
    throw runtimeError(`invalid character: ${(e as Error).message}`);
  }
  let out = "";
  let depth = 0;
  const nl = (): string => "\n" + prefix + indent.repeat(depth);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") continue;
    if (c === '"') {
      let j = i + 1;
      while (s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j;
    } else if (c === "{" || c === "[") {
      let j = i + 1;
      while (/\s/.test(s[j] ?? "")) j++;
      if (s[j] === "}" || s[j] === "]") {
        out += c + s[j];
        i = j;
      } else {
        depth++;
        out += c + nl();
      }
    } else if (c === "}" || c === "]") {
      depth--;
      out += nl() + c;
    } else if (c === ",") out += "," + nl();
    else if (c === ":") out += ": ";
    else out += c;
  }
  th.charge(out.length);
  return out;
}

export function makeJsonModule(): SModule {
  const m = new Map<string, Value>();
  const strArg = (v: Value | undefined, name: string, dflt: string): string => {
    if (v === undefined) return dflt;
    if (typeof v !== "string") throw runtimeError(`for parameter ${name}: got ${typeName(v)}, want string`);
    return v;
  };
  m.set("encode", builtin("json.encode", (th, args, kw) => {
    const [x] = unpackArgs(args, kw, ["x"]);
    return jsonEncode(th, x!);
  }));
  m.set("decode", builtin("json.decode", (th, args, kw) => {
    if (kw?.some(([k]) => k === "x")) throw runtimeError("unexpected keyword argument x");
    const [x, dflt] = unpackArgs(args, kw, ["x", "default?"]);
    if (typeof x !== "string") throw runtimeError(`for parameter x: got ${typeName(x!)}, want string`);
    if (dflt === undefined) return jsonDecode(th, x);
    try {
      return jsonDecode(th, x);
    } catch (e) {
      if ((e as { code?: string }).code === "budget_exceeded") throw e;
      return dflt;
    }
  }));
  m.set("indent", builtin("json.indent", (th, args, kw) => {
    const [x, prefix, indent] = unpackArgs(args, kw, ["str", "prefix?", "indent?"], 1);
    if (typeof x !== "string") throw runtimeError(`got ${typeName(x!)}, want string`);
    return jsonIndent(th, x, strArg(prefix, "prefix", ""), strArg(indent, "indent", "\t"));
  }));
  m.set("encode_indent", builtin("json.encode_indent", (th, args, kw) => {
    const [x, prefix, indent] = unpackArgs(args, kw, ["x", "prefix?", "indent?"], 1);
    return jsonIndent(th, jsonEncode(th, x!), strArg(prefix, "prefix", ""), strArg(indent, "indent", "\t"));
  }));
  return new SModule("json", m);
}

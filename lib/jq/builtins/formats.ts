import { runtimeError } from "../errors";
import { decodeUtf8, encodeUtf8 } from "../strings";
import { describe, dump, typeOf } from "../values";
import type { Value } from "../values";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function tostring(v: Value): string {
  return typeof v === "string" ? v : dump(v);
}

function base64(bytes: number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : "=";
    out += i + 2 < bytes.length ? B64[n & 63]! : "=";
  }
  return out;
}

function base64d(s: string): string {
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  let n = 0;
  for (const ch of s) {
    if (ch === "=") break;
    const v = B64.indexOf(ch);
    if (v < 0) throw runtimeError(`${describe(s)} is not valid base64 data`);
    n++;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 255);
    }
  }
  if (n % 4 === 1) throw runtimeError(`${describe(s)} trailing base64 byte found`);
  return decodeUtf8(bytes);
}

function base32(bytes: number[]): string {
  let out = "";
  let buf = 0;
  let bits = 0;
  for (const b of bytes) {
    buf = (buf << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += B32[(buf >> bits) & 31];
    }
  }
  if (bits > 0) out += B32[(buf << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}

function base32d(s: string): string {
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of s) {
    if (ch === "=") break;
    const v = B32.indexOf(ch);
    if (v < 0) throw runtimeError(`${describe(s)} is not valid base32 data`);
    buf = ((buf << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 255);
    }
  }
  return decodeUtf8(bytes);
}

function csvField(v: Value): string {
  if (typeof v === "number") return dump(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null) return "";
  if (typeof v === "string") return `"${v.replace(/"/g, '""')}"`;
  throw runtimeError(`${describe(v)} is not valid in a csv row`);
}

function tsvField(v: Value): string {
  if (typeof v === "number") return dump(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null) return "";
  if (typeof v === "string") return v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
  throw runtimeError(`${describe(v)} is not valid in a tsv row`);
}

function shQuote(v: Value): string {
  if (typeof v === "string") return `'${v.replace(/'/g, "'\\''")}'`;
  if (v === null || typeof v === "number" || typeof v === "boolean") return dump(v);
  throw runtimeError(`${describe(v)} can not be escaped for shell`);
}

function uri(s: string): string {
  let out = "";
  for (const ch of s) {
    if (/^[A-Za-z0-9\-_.~]$/.test(ch)) out += ch;
    else for (const b of encodeUtf8(ch)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function urid(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...encodeUtf8(c));
  }
  return decodeUtf8(bytes);
}

/** Applies `@name` to a value. */
export function applyFormat(name: string, v: Value): Value {
  switch (name) {
    case "text":
      return tostring(v);
    case "json":
      return dump(v);
    case "csv":
    case "tsv":
      if (!Array.isArray(v)) throw runtimeError(`${describe(v)} cannot be ${name}-formatted, only an array can be`);
      return name === "csv" ? v.map(csvField).join(",") : v.map(tsvField).join("\t");
    case "html":
      return tostring(v).replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
    case "uri":
      return uri(tostring(v));
    case "urid":
      return urid(tostring(v));
    case "sh":
      return Array.isArray(v) ? v.map(shQuote).join(" ") : shQuote(v);
    case "base64":
      return base64(encodeUtf8(tostring(v)));
    case "base64d":
      return base64d(tostring(v));
    case "base32":
      return base32(encodeUtf8(tostring(v)));
    case "base32d":
      return base32d(tostring(v));
    default:
      throw runtimeError(`${name} is not a valid format`);
  }
}

export const FORMATS = ["text", "json", "csv", "tsv", "html", "uri", "urid", "sh", "base64", "base64d", "base32", "base32d"];
export { typeOf };

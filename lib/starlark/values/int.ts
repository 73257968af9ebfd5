// Arbitrary-precision int arithmetic: JS numbers while safe, bigint beyond.
import { runtimeError } from "../errors.ts";

export type Int = number | bigint;

const MAX = 9007199254740991n;
const MIN = -9007199254740991n;

export function norm(b: bigint): Int {
  return b >= MIN && b <= MAX ? Number(b) : b;
}

export const big = (x: Int): bigint => (typeof x === "bigint" ? x : BigInt(x));

export function add(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(big(a) + big(b));
}

export function sub(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(big(a) - big(b));
}

export function mul(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return norm(big(a) * big(b));
}

export function floordiv(a: Int, b: Int): Int {
  if (b === 0) throw runtimeError("floored division by zero");
  if (typeof a === "number" && typeof b === "number" && Math.abs(a) < 2 ** 50 && Math.abs(b) < 2 ** 50) return exactFloorDiv(a, b);
  const x = big(a);
  const y = big(b);
  let q = x / y;
  if ((x % y !== 0n) && ((x < 0n) !== (y < 0n))) q -= 1n;
  return norm(q);
}

function exactFloorDiv(a: number, b: number): number {
  // a, b safe integers: the float quotient may round, so correct it
  let q = Math.floor(a / b);
  const r = a - q * b;
  if (b > 0 ? r < 0 : r > 0) q -= 1;
  else if (b > 0 ? r >= b : r <= b) q += 1;
  return q + 0;
}

export function mod(a: Int, b: Int): Int {
  if (b === 0) throw runtimeError("integer modulo by zero");
  if (typeof a === "number" && typeof b === "number") {
    let r = a % b;
    if (r !== 0 && (r < 0) !== (b < 0)) r += b;
    return r + 0;
  }
  const y = big(b);
  let r = big(a) % y;
  if (r !== 0n && (r < 0n) !== (y < 0n)) r += y;
  return norm(r);
}

export function neg(a: Int): Int {
  return typeof a === "number" ? 0 - a : norm(-a);
}

export function bitand(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b) return a & b;
  return norm(big(a) & big(b));
}
export function bitor(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b) return a | b;
  return norm(big(a) | big(b));
}
export function bitxor(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b) return a ^ b;
  return norm(big(a) ^ big(b));
}
export function bitnot(a: Int): Int {
  return typeof a === "number" ? -a - 1 : norm(~a);
}

export function shift(a: Int, b: Int, left: boolean): Int {
  if (sign(b) < 0) throw runtimeError("negative shift count");
  if (typeof b === "bigint" || b >= 512) {
    if (left) throw runtimeError("shift count too large");
    return sign(a) < 0 ? -1 : 0;
  }
  return left ? norm(big(a) << BigInt(b)) : norm(big(a) >> BigInt(b));
}

export function sign(a: Int): number {
  return a > 0 ? 1 : a < 0 ? -1 : 0;
}

export function cmpInt(a: Int, b: Int): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Exact comparison of an int with a float (NaN sorts greatest). */
export function cmpIntFloat(a: Int, f: number): number {
  if (Number.isNaN(f)) return -1;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  if (typeof a === "number") return a < f ? -1 : a > f ? 1 : 0;
  const fl = Math.floor(f);
  const bf = BigInt(fl);
  if (a < bf) return -1;
  if (a > bf) return 1;
  return fl < f ? -1 : 0;
}

/** int → float, failing if out of range. */
export function intToFloat(a: Int): number {
  if (typeof a === "number") return a;
  const f = Number(a);
  if (!Number.isFinite(f)) throw runtimeError("int too large to convert to float");
  return f;
}

/** Truncating float → int. */
export function floatToInt(f: number): Int {
  if (Number.isNaN(f)) throw runtimeError("cannot convert float NaN to integer");
  if (!Number.isFinite(f)) throw runtimeError("cannot convert float infinity to integer");
  const t = Math.trunc(f);
  if (Number.isSafeInteger(t)) return t + 0;
  return norm(BigInt(t));
}

export function intBytes(a: Int): number {
  return typeof a === "number" ? 8 : Math.ceil(a.toString(16).length / 2) + 8;
}

/** Parses an int literal string as int(s, base) does; returns null if invalid. */
export function parseIntLiteral(s: string, base: number): Int | null {
  let i = 0;
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    negative = s[0] === "-";
    i = 1;
  }
  let body = s.slice(i);
  const p = body.slice(0, 2).toLowerCase();
  const prefixBase = p === "0x" ? 16 : p === "0o" ? 8 : p === "0b" ? 2 : 0;
  if (base === 0) {
    if (prefixBase) {
      base = prefixBase;
      body = body.slice(2);
    } else {
      if (body.length > 1 && body[0] === "0" && /[^0]/.test(body)) return null;
      base = 10;
    }
  } else if (prefixBase && prefixBase === base) {
    body = body.slice(2);
  }
  if (body.length === 0) return null;
  let v = 0n;
  const bb = BigInt(base);
  for (const ch of body) {
    const d = digitVal(ch);
    if (d < 0 || d >= base) return null;
    v = v * bb + BigInt(d);
  }
  return norm(negative ? -v : v);
}

function digitVal(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

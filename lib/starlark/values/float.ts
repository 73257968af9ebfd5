// Float formatting following starlark-go (Go's strconv 'g' with shortest digits, %e, %f).
import { runtimeError } from "../errors.ts";

function nonFinite(f: number): string | null {
  if (Number.isNaN(f)) return "nan";
  if (f === Infinity) return "+inf";
  if (f === -Infinity) return "-inf";
  return null;
}

/** str(float) and %g: Go's shortest %g (exponent form when exp < -4 or exp >= 6), always with '.' or 'e'. */
export function formatFloat(f: number): string {
  const nf = nonFinite(f);
  if (nf) return nf;
  if (f >= 1e-4 && f < 1e6) {
    const s = String(f);
    return s.includes(".") ? s : s + ".0";
  }
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  if (a === 0) return neg ? "-0.0" : "0.0";
  const [mant, expStr] = a.toExponential().split("e") as [string, string];
  const exp = Number(expStr);
  const digits = mant.replace(".", "");
  let s: string;
  if (exp < -4 || exp >= 6) s = expForm(digits, exp);
  else if (exp >= digits.length - 1) s = digits + "0".repeat(exp - digits.length + 1);
  else if (exp >= 0) s = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  else s = "0." + "0".repeat(-exp - 1) + digits;
  if (!/[.e]/.test(s)) s += ".0";
  return (neg ? "-" : "") + s;
}

function expForm(digits: string, exp: number): string {
  const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
  const ae = Math.abs(exp);
  return `${m}e${exp < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
}

/** %e with 6 digits. */
export function formatE(f: number, prec = 6): string {
  const nf = nonFinite(f);
  if (nf) return nf;
  const neg = f < 0 || Object.is(f, -0);
  const e = Math.abs(f).toExponential(prec);
  const [m, x] = e.split("e") as [string, string];
  const n = Number(x);
  const an = Math.abs(n);
  return `${neg ? "-" : ""}${m}e${n < 0 ? "-" : "+"}${an < 10 ? "0" : ""}${an}`;
}

/** %f with 6 digits. */
export function formatF(f: number, prec = 6): string {
  const nf = nonFinite(f);
  if (nf) return nf;
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  let s: string;
  if (a < 1e21) s = a.toFixed(prec);
  else s = BigInt(a).toString() + (prec > 0 ? "." + "0".repeat(prec) : "");
  return (neg ? "-" : "") + s;
}

/** Parses a float literal as float(s) does. */
export function parseFloatLiteral(s: string): number {
  const t = s.toLowerCase();
  const body = t[0] === "+" || t[0] === "-" ? t.slice(1) : t;
  const sign = t[0] === "-" ? -1 : 1;
  if (body === "inf" || body === "infinity") return sign * Infinity;
  if (body === "nan") return NaN;
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(body)) throw runtimeError(`invalid float literal: ${s}`);
  const f = sign * Number(body);
  if (!Number.isFinite(f)) throw runtimeError("floating-point number too large");
  return f;
}

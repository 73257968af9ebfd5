import { runtimeError } from "../errors";
import { describe } from "../values";
import type { Value } from "../values";
import { fn } from "./define";
import type { NativeTable } from "./define";

function num(v: Value, name: string): number {
  if (typeof v !== "number") throw runtimeError(`${describe(v)} number required`);
  void name;
  return v;
}

function lgamma(x: number): number {
  // Lanczos approximation
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function tgamma(x: number): number {
  if (Number.isInteger(x) && x <= 0) return NaN;
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * tgamma(1 - x));
  return Math.exp(lgamma(x));
}

function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = x * 2 ** -e;
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const UNARY: Record<string, (x: number) => number> = {
  floor: Math.floor, ceil: Math.ceil, sqrt: Math.sqrt, fabs: Math.abs, round: (x) => (x < 0 ? -Math.round(-x) : Math.round(x)),
  trunc: Math.trunc, rint: roundHalfEven, nearbyint: roundHalfEven,
  exp: Math.exp, exp2: (x) => 2 ** x, exp10: (x) => 10 ** x, expm1: Math.expm1,
  log: Math.log, log2: Math.log2, log10: Math.log10, log1p: Math.log1p, logb: (x) => (x === 0 ? -Infinity : Math.floor(Math.log2(Math.abs(x)))),
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, asinh: Math.asinh, acosh: Math.acosh, atanh: Math.atanh,
  cbrt: Math.cbrt, significand: (x) => (x === 0 || !Number.isFinite(x) ? x : frexp(x)[0] * 2),
  gamma: lgamma, lgamma, tgamma, lgamma_r: lgamma,
  j0: (x) => besselJ(0, x), j1: (x) => besselJ(1, x),
};

function besselJ(n: number, x: number): number {
  // numeric integration of Bessel's integral
  let s = 0;
  const N = 200;
  for (let i = 0; i < N; i++) {
    const t = ((i + 0.5) * Math.PI) / N;
    s += Math.cos(n * t - x * Math.sin(t));
  }
  return s / N;
}

const BINARY: Record<string, (x: number, y: number) => number> = {
  pow: (x, y) => x ** y, atan2: Math.atan2, fmod: (x, y) => x % y, hypot: Math.hypot, fmin: Math.min, fmax: Math.max,
  fdim: (x, y) => (x > y ? x - y : 0), copysign: (x, y) => Math.sign(y) * Math.abs(x) || (Object.is(y, -0) ? -Math.abs(x) : Math.abs(x)),
  ldexp: (x, y) => x * 2 ** y, scalb: (x, y) => x * 2 ** y, scalbln: (x, y) => x * 2 ** y, nextafter: (x, y) => (x === y ? y : x + (y > x ? 1 : -1) * Number.EPSILON * Math.max(1, Math.abs(x))),
  drem: (x, y) => x - y * roundHalfEven(x / y), remainder: (x, y) => x - y * roundHalfEven(x / y),
};

export function registerMath(t: NativeTable): void {
  for (const [name, f] of Object.entries(UNARY)) fn(t, name, 0, (v) => f(num(v, name)));
  for (const [name, f] of Object.entries(BINARY)) fn(t, name, 2, (_v, a, b) => f(num(a, name), num(b, name)));
  fn(t, "fma", 3, (_v, a, b, c) => num(a, "fma") * num(b, "fma") + num(c, "fma"));
  fn(t, "frexp", 0, (v) => frexp(num(v, "frexp")));
  fn(t, "modf", 0, (v) => {
    const x = num(v, "modf");
    if (!Number.isFinite(x)) return [Number.isNaN(x) ? x : 0, x];
    return [x - Math.trunc(x), Math.trunc(x)];
  });
  fn(t, "abs", 0, (v) => (typeof v === "number" && v < 0 ? -v : v));
  fn(t, "infinite", 0, () => Infinity);
  fn(t, "nan", 0, () => NaN);
  fn(t, "isinfinite", 0, (v) => {
    const x = num(v, "isinfinite");
    return x === Infinity || x === -Infinity;
  });
  fn(t, "isnan", 0, (v) => Number.isNaN(num(v, "isnan")));
  fn(t, "isnormal", 0, (v) => {
    const x = Math.abs(num(v, "isnormal"));
    return Number.isFinite(x) && x >= 2.2250738585072014e-308;
  });
}

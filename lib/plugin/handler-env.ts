import type { Value } from "../starlark/index.ts";
import { SBuiltin, SFloat, SModule, StarlarkError, typeName } from "../starlark/index.ts";

/** The parameters every command handler takes, in order. */
export const HANDLER_PARAMS = ["state", "params", "ctx"] as const;

function toNumber(v: Value | undefined, fn: string, index: number): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof SFloat) return v.v;
  throw new StarlarkError("runtime", `${fn}: argument ${index + 1} must be int or float, got ${v === undefined ? "nothing" : typeName(v)}`);
}

/** A math function of fixed arity on floats, returning a float. */
function fn(name: string, arity: number, f: (...xs: number[]) => number): [string, SBuiltin] {
  const qualified = `math.${name}`;
  return [
    name,
    new SBuiltin(qualified, (_th, args, kwargs) => {
      if (kwargs !== null && kwargs.length > 0) throw new StarlarkError("runtime", `${qualified}: unexpected keyword arguments`);
      if (args.length !== arity) throw new StarlarkError("runtime", `${qualified}: got ${args.length} arguments, want ${arity}`);
      const r = f(...args.map((a, i) => toNumber(a, qualified, i)));
      if (!Number.isFinite(r)) throw new StarlarkError("runtime", `${qualified}: result is not a finite number`);
      return new SFloat(r);
    }),
  ];
}

/**
 * The `math` module predeclared for handlers.star: `pi`, `e`, and `sin cos tan asin acos atan
 * atan2 sqrt hypot floor ceil round pow log exp abs` over int/float, returning floats. Results that
 * are not finite (sqrt(-1), log(0)) fail the command instead of producing NaN or inf.
 */
export function makeMathModule(): SModule {
  const members = new Map<string, Value>([
    ["pi", new SFloat(Math.PI)],
    ["e", new SFloat(Math.E)],
    fn("sin", 1, Math.sin),
    fn("cos", 1, Math.cos),
    fn("tan", 1, Math.tan),
    fn("asin", 1, Math.asin),
    fn("acos", 1, Math.acos),
    fn("atan", 1, Math.atan),
    fn("atan2", 2, Math.atan2),
    fn("sqrt", 1, Math.sqrt),
    fn("hypot", 2, Math.hypot),
    fn("floor", 1, Math.floor),
    fn("ceil", 1, Math.ceil),
    fn("round", 1, Math.round),
    fn("pow", 2, Math.pow),
    fn("log", 1, Math.log),
    fn("exp", 1, Math.exp),
    fn("abs", 1, Math.abs),
  ]);
  return new SModule("math", members);
}

/** Names the host predeclares for handlers.star (see lib/plugin/README.md). */
export const HANDLER_PREDECLARED_NAMES = ["math"] as const;

/** Fresh predeclared values for compiling handlers.star: currently only `math`. */
export function handlerPredeclared(): Map<string, Value> {
  return new Map<string, Value>([["math", makeMathModule()]]);
}

import type { Node } from "../ast";
import type { Env, Interp, Native, PV } from "../interp";
import type { Path } from "../paths";
import type { Value } from "../values";

export type NativeTable = Map<string, Native>;

/** Iterates the cartesian product of argument values, first argument outermost. */
export function* cartesian(it: Interp, args: Node[], input: Value, env: Env, i = 0, vals: Value[] = []): Generator<Value[], void, undefined> {
  if (i === args.length) {
    yield vals.slice();
    return;
  }
  for (const v of it.eval(args[i]!, input, env)) {
    vals[i] = v;
    yield* cartesian(it, args, input, env, i + 1, vals);
  }
}

/** Registers a function of the input and the values of its arguments (cartesian over argument outputs). */
export function fn(table: NativeTable, name: string, arity: number, f: (input: Value, ...args: Value[]) => Value): void {
  if (arity === 0) {
    table.set(`${name}/0`, {
      *eval(_it, _args, input) {
        yield f(input);
      },
      one: f,
    });
    return;
  }
  table.set(`${name}/${arity}`, {
    *eval(it, args, input, env) {
      for (const vals of cartesian(it, args, input, env)) yield f(input, ...vals);
    },
    one: f,
  });
}

/** Registers a generator function of the input and argument values. */
export function gen(table: NativeTable, name: string, arity: number, f: (it: Interp, input: Value, ...args: Value[]) => Iterable<Value>): void {
  table.set(`${name}/${arity}`, {
    *eval(it, args, input, env) {
      for (const vals of cartesian(it, args, input, env)) yield* f(it, input, ...vals);
    },
  });
}

/** Registers a native that receives its arguments unevaluated (closures). */
export function raw(
  table: NativeTable,
  name: string,
  arity: number,
  evalFn: (it: Interp, args: Node[], input: Value, env: Env) => Iterable<Value>,
  pathsFn?: (it: Interp, args: Node[], input: Value, path: Path | null, env: Env) => Iterable<PV>,
): void {
  table.set(`${name}/${arity}`, pathsFn ? { eval: evalFn, paths: pathsFn } : { eval: evalFn });
}

/** Collects all outputs of `f` applied to `input`. */
export function collect(it: Interp, f: Node, input: Value, env: Env): Value[] {
  const out: Value[] = [];
  for (const v of it.eval(f, input, env)) out.push(v);
  return out;
}

import type { Node, NodeOf } from "./ast";
import { runtimeError } from "./errors";
import type { Env, Interp } from "./interp";
import { binop } from "./ops";
import { delPaths, getPath, setPath } from "./paths";
import type { Path } from "./paths";
import { dumpTrunc, truthy } from "./values";
import type { Value } from "./values";

/** Assignment operators: `=`, `|=`, `//=` and the arithmetic updates, all through path expressions. */
export function* evalAssign(it: Interp, n: NodeOf<"assign">, input: Value, env: Env): Generator<Value, void, undefined> {
  if (n.op === "|=") {
    yield modify(it, n.lhs, input, env, (v) => {
      for (const out of it.eval(n.rhs, v, env)) return { v: out };
      return null;
    });
    return;
  }
  for (const rhs of it.eval(n.rhs, input, env)) {
    if (n.op === "=") {
      let acc = input;
      for (const [v, p] of it.paths(n.lhs, input, [], env)) acc = setPath(acc, checkPath(p, v), rhs);
      yield acc;
    } else if (n.op === "//=") {
      let acc = input;
      for (const [v, p] of it.paths(n.lhs, input, [], env)) {
        const cur = getPath(acc, checkPath(p, v));
        acc = setPath(acc, p!, truthy(cur) ? cur : rhs);
      }
      yield acc;
    } else {
      const op = n.op.slice(0, -1);
      yield modify(it, n.lhs, input, env, (v) => ({ v: binop(op, v, rhs) }));
    }
  }
}

export function checkPath(p: Path | null, v: Value): Path {
  if (p === null) throw runtimeError(`Invalid path expression with result ${dumpTrunc(v)}`);
  return p;
}

/** `lhs |= f`: the first output of f replaces each path; paths where f is empty are deleted. */
export function modify(it: Interp, lhs: Node, input: Value, env: Env, f: (v: Value) => { v: Value } | null): Value {
  let acc = input;
  const dels: Value[] = [];
  for (const [v, p] of it.paths(lhs, input, [], env)) {
    const path = checkPath(p, v);
    const r = f(getPath(acc, path));
    if (r) acc = setPath(acc, path, r.v);
    else dels.push(path);
  }
  return dels.length ? delPaths(acc, dels) : acc;
}

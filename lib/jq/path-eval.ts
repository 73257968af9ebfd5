import type { Node } from "./ast";
import { runtimeError } from "./errors";
import { BreakSignal, isCatchable } from "./interp";
import type { Env, Frame, Interp, PV } from "./interp";
import { indexValue, keysOf } from "./paths";
import type { Path } from "./paths";
import { dumpTrunc, isObject, newObject, truthy } from "./values";
import type { Value } from "./values";

function invalidPathIndex(t: Value, k: Value): Error {
  return runtimeError(`Invalid path expression near attempt to access element ${dumpTrunc(k)} of ${dumpTrunc(t)}`);
}

/** Path mode of the evaluator: each output paired with its path (null when not a path expression). */
export function* evalPaths(it: Interp, n: Node, input: Value, path: Path | null, env: Env): Generator<PV, void, undefined> {
  it.meter.tick();
  switch (n.kind) {
    case "identity":
      yield [input, path];
      return;
    case "index":
      for (const [t, tp] of it.paths(n.target, input, path, env)) {
        for (const k of it.eval(n.index, input, env)) {
          if (tp === null) throw invalidPathIndex(t, k);
          yield [t === null ? null : indexValue(t, k), [...tp, k]];
        }
      }
      return;
    case "slice":
      for (const [t, tp] of it.paths(n.target, input, path, env)) {
        for (const to of n.to ? it.eval(n.to, input, env) : [null]) {
          for (const from of n.from ? it.eval(n.from, input, env) : [null]) {
            const key = newObject();
            key["start"] = from;
            key["end"] = to;
            if (tp === null) throw invalidPathIndex(t, key);
            yield [t === null ? null : indexValue(t, key), [...tp, key]];
          }
        }
      }
      return;
    case "iterate":
      for (const [t, tp] of it.paths(n.target, input, path, env)) {
        if (tp === null) throw runtimeError(`Invalid path expression near attempt to iterate through ${dumpTrunc(t)}`);
        if (t === null) continue;
        for (const k of keysOf(t)) yield [indexValue(t, k), [...tp, k]];
      }
      return;
    case "pipe":
      for (const [v, p] of it.paths(n.left, input, path, env)) yield* it.paths(n.right, v, p, env);
      return;
    case "comma":
      yield* it.paths(n.left, input, path, env);
      yield* it.paths(n.right, input, path, env);
      return;
    case "if":
      for (const c of it.eval(n.cond, input, env)) {
        if (truthy(c)) yield* it.paths(n.then, input, path, env);
        else if (n.else) yield* it.paths(n.else, input, path, env);
        else yield [input, path];
      }
      return;
    case "alt": {
      let any = false;
      try {
        for (const pv of it.paths(n.left, input, path, env)) {
          if (truthy(pv[0])) {
            any = true;
            yield pv;
          }
        }
      } catch (e) {
        if (!isCatchable(e)) throw e;
      }
      if (!any) yield* it.paths(n.right, input, path, env);
      return;
    }
    case "try": {
      const body = it.paths(n.body, input, path, env);
      for (;;) {
        let r: IteratorResult<PV, void>;
        try {
          r = body.next();
        } catch (e) {
          if (!isCatchable(e)) throw e;
          if (n.handler) yield* it.paths(n.handler, e.value as Value, null, env);
          return;
        }
        if (r.done) return;
        yield r.value;
      }
    }
    case "as":
      for (const v of it.eval(n.source, input, env)) {
        if (n.patterns.length === 1) {
          for (const e of it.bind(n.patterns[0]!, v, env)) yield* it.paths(n.body, input, path, e);
        } else yield* it.bindAlternatives(n.patterns, v, env, (e) => it.paths(n.body, input, path, e));
      }
      return;
    case "reduce":
      for (const [init, ip] of it.paths(n.init, input, path, env)) {
        let acc: PV = [init, ip];
        for (const x of it.eval(n.source, input, env)) {
          for (const e of it.bindAll(n.patterns, x, env)) {
            let last: PV = [null, null];
            for (const pv of it.paths(n.update, acc[0], acc[1], e)) last = pv;
            acc = last;
          }
        }
        yield acc;
      }
      return;
    case "foreach":
      for (const [init, ip] of it.paths(n.init, input, path, env)) {
        let acc: PV = [init, ip];
        for (const x of it.eval(n.source, input, env)) {
          for (const e of it.bindAll(n.patterns, x, env)) {
            for (const pv of it.paths(n.update, acc[0], acc[1], e)) {
              acc = pv;
              if (n.extract) yield* it.paths(n.extract, pv[0], pv[1], e);
              else yield pv;
            }
          }
        }
      }
      return;
    case "def": {
      const frame: Frame = { t: 1, key: `${n.def.name}/${n.def.params.length}`, def: n.def, env: null, next: env };
      frame.env = frame;
      yield* it.paths(n.rest, input, path, frame);
      return;
    }
    case "label": {
      const id = {};
      try {
        yield* it.paths(n.body, input, path, { t: 3, name: n.name, id, next: env });
      } catch (e) {
        if (e instanceof BreakSignal && e.id === id) return;
        throw e;
      }
      return;
    }
    case "break":
      throw new BreakSignal(it.lookupLabel(n.name, env));
    case "call": {
      const r = it.resolve(n, env);
      if ("eval" in r) {
        if (r.paths) yield* r.paths(it, n.args, input, path, env);
        else for (const v of r.eval(it, n.args, input, env)) yield [v, null];
        return;
      }
      if ("t" in r) {
        if (r.t === 2) {
          yield* it.paths(r.body, input, path, r.env);
          return;
        }
        yield* it.callDef<PV>(r.def, r, n.args, input, env, path);
        return;
      }
      yield* it.callDef<PV>(r, null, n.args, input, env, path);
      return;
    }
    case "recurse":
      yield* it.recursePaths(input, path);
      return;
    default:
      for (const v of it.eval(n, input, env)) yield [v, null];
  }
}

export function* recursePaths(it: Interp, v: Value, p: Path | null): Generator<PV, void, undefined> {
  if (p === null) throw runtimeError(`Invalid path expression near attempt to iterate through ${dumpTrunc(v)}`);
  const stack: PV[] = [[v, p]];
  while (stack.length) {
    const x = stack.pop()!;
    it.meter.tick();
    yield x;
    const [xv, xp] = x;
    if (Array.isArray(xv)) for (let i = xv.length - 1; i >= 0; i--) stack.push([xv[i]!, [...xp!, i]]);
    else if (isObject(xv)) {
      const ks = Object.keys(xv);
      for (let i = ks.length - 1; i >= 0; i--) stack.push([xv[ks[i]!]!, [...xp!, ks[i]!]]);
    }
  }
}

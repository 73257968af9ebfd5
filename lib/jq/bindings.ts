import type { Pattern } from "./ast";
import { runtimeError } from "./errors";
import { isCatchable } from "./interp";
import type { Env, Interp } from "./interp";
import { indexValue } from "./paths";
import { describe } from "./values";
import type { Value } from "./values";

/** Destructuring: binds pattern variables, yielding one environment per binding (object keys may be generators). */
export function* bindAlternatives<T>(it: Interp, patterns: Pattern[], v: Value, env: Env, body: (e: Env) => Iterable<T>): Generator<T, void, undefined> {
  const names = new Set<string>();
  for (const p of patterns) collectVars(p, names);
  let base = env;
  for (const name of names) base = { t: 0, name, value: null, next: base };
  for (let i = 0; i < patterns.length; i++) {
    const last = i === patterns.length - 1;
    if (last) {
      for (const e of bind(it, patterns[i]!, v, base)) yield* body(e);
      return;
    }
    try {
      for (const e of bind(it, patterns[i]!, v, base)) yield* body(e);
      return;
    } catch (err) {
      if (!isCatchable(err)) throw err;
    }
  }
}

export function* bind(it: Interp, p: Pattern, v: Value, env: Env): Generator<Env, void, undefined> {
  switch (p.kind) {
    case "pvar":
      yield { t: 0, name: p.name, value: v, next: env };
      return;
    case "parray": {
      if (v !== null && !Array.isArray(v)) throw runtimeError(`Cannot index ${describe(v).split(" ")[0]} with number`);
      yield* bindSeq(it, p.elems.map((e, i) => [e, indexValue(v, i)] as const), 0, env);
      return;
    }
    case "pobject":
      yield* bindObject(it, p, 0, v, env);
      return;
  }
}

function* bindSeq(it: Interp, items: readonly (readonly [Pattern, Value])[], i: number, env: Env): Generator<Env, void, undefined> {
  if (i === items.length) {
    yield env;
    return;
  }
  const [p, v] = items[i]!;
  for (const e of bind(it, p, v, env)) yield* bindSeq(it, items, i + 1, e);
}

function* bindObject(it: Interp, p: Extract<Pattern, { kind: "pobject" }>, i: number, v: Value, env: Env): Generator<Env, void, undefined> {
  if (i === p.entries.length) {
    yield env;
    return;
  }
  const entry = p.entries[i]!;
  for (const k of it.eval(entry.key, v, env)) {
    if (typeof k !== "string") throw runtimeError(`Cannot index ${describe(v).split(" ")[0]} with ${describe(k).split(" ")[0]}`);
    const val = indexValue(v, k);
    let e = env;
    if (entry.keyVar !== undefined) e = { t: 0, name: entry.keyVar, value: val, next: e };
    if (entry.value) {
      for (const e2 of bind(it, entry.value, val, e)) yield* bindObject(it, p, i + 1, v, e2);
    } else yield* bindObject(it, p, i + 1, v, e);
  }
}

export function* bindAll(it: Interp, patterns: Pattern[], v: Value, env: Env): Generator<Env, void, undefined> {
  if (patterns.length === 1) {
    yield* bind(it, patterns[0]!, v, env);
    return;
  }
  yield* bindAlternatives(it, patterns, v, env, (e) => [e]);
}

function collectVars(p: Pattern, out: Set<string>): void {
  if (p.kind === "pvar") out.add(p.name);
  else if (p.kind === "parray") p.elems.forEach((e) => collectVars(e, out));
  else
    for (const e of p.entries) {
      if (e.keyVar !== undefined) out.add(e.keyVar);
      if (e.value) collectVars(e.value, out);
    }
}

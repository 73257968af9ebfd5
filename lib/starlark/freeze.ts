import { SFunction } from "./values/function.ts";
import type { Value } from "./values/value.ts";
import { SDict, SHost, SList, SModule, SSet, SStruct, STuple } from "./values/value.ts";

/**
 * Freezes v and everything reachable from it. As in starlark-go, an already frozen list, dict or
 * set is not walked again: only freeze() sets their flag, and it freezes all they reach, so
 * re-freezing a state that shares most of its values with a frozen one costs only the new parts.
 * Tuples, structs and modules have no flag but cannot hold themselves without passing through one
 * of those containers or a function; functions (whose cells can change) are tracked in a set.
 */
export function freeze(v: Value): void {
  const stack: Value[] = [v];
  let fns: Set<SFunction> | null = null;
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x === null || typeof x !== "object") continue;
    if (x instanceof SList) {
      if (x.frozen) continue;
      x.frozen = true;
      pushAll(stack, x.a);
    } else if (x instanceof SDict) {
      if (x.frozen) continue;
      x.frozen = true;
      for (const v of x.m.values()) if (typeof v === "object" && v !== null) stack.push(v);
      if (x.ks !== null) for (const k of x.ks.values()) stack.push(k);
    } else if (x instanceof STuple) pushAll(stack, x.a);
    else if (x instanceof SSet) {
      if (x.frozen) continue;
      x.frozen = true;
      for (const k of x.m.values()) if (typeof k === "object" && k !== null) stack.push(k);
    } else if (x instanceof SFunction) {
      fns ??= new Set();
      if (fns.has(x)) continue;
      fns.add(x);
      x.frozen = true;
      for (const d of x.defaults) if (d !== undefined) stack.push(d);
      for (const c of x.freevars) if (c.v !== undefined) stack.push(c.v);
    } else if (x instanceof SStruct) for (const f of x.fields.values()) stack.push(f);
    else if (x instanceof SModule) for (const m of x.members.values()) stack.push(m);
    else if (x instanceof SHost) x.freeze();
  }
}

function pushAll(stack: Value[], a: readonly Value[]): void {
  for (let i = 0; i < a.length; i++) {
    const e = a[i]!;
    if (typeof e === "object" && e !== null) stack.push(e);
  }
}

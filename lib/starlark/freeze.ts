import { SFunction } from "./values/function.ts";
import type { Value } from "./values/value.ts";
import { SDict, SHost, SList, SModule, SSet, SStruct, STuple } from "./values/value.ts";

/** Freezes v and everything reachable from it. */
export function freeze(v: Value): void {
  const stack: Value[] = [v];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x === null || typeof x !== "object" || seen.has(x)) continue;
    seen.add(x);
    if (x instanceof SList) {
      x.frozen = true;
      stack.push(...x.a);
    } else if (x instanceof STuple) stack.push(...x.a);
    else if (x instanceof SDict) {
      x.frozen = true;
      for (const e of x.m.values()) stack.push(e.k, e.v);
    } else if (x instanceof SSet) {
      x.frozen = true;
      stack.push(...x.m.values());
    } else if (x instanceof SFunction) {
      x.frozen = true;
      for (const d of x.defaults) if (d !== undefined) stack.push(d);
      for (const c of x.freevars) if (c.v !== undefined) stack.push(c.v);
    } else if (x instanceof SStruct) stack.push(...x.fields.values());
    else if (x instanceof SModule) stack.push(...x.members.values());
    else if (x instanceof SHost) x.freeze();
  }
}

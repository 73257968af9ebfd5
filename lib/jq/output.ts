import { isObject, newObject } from "./values";
import type { Value } from "./values";

/** Approximate JSON byte size of a value, stopping early once past `limit`. */
export function jsonSize(v: Value, limit: number): number {
  let size = 0;
  const stack: Value[] = [v];
  while (stack.length && size <= limit) {
    const x = stack.pop()!;
    if (x === null) size += 4;
    else if (typeof x === "boolean") size += x ? 4 : 5;
    else if (typeof x === "number") size += Number.isFinite(x) ? String(x).length : 23;
    else if (typeof x === "string") size += x.length + 2;
    else if (Array.isArray(x)) {
      size += 1 + Math.max(1, x.length);
      for (const y of x) stack.push(y);
    } else {
      size += 1;
      for (const k in x) {
        size += k.length + 4;
        stack.push(x[k]!);
      }
    }
  }
  return size;
}

function hasNonFinite(v: Value, depth: number): boolean {
  if (typeof v === "number") return !Number.isFinite(v);
  if (v === null || typeof v !== "object" || depth > 64) return false;
  if (Array.isArray(v)) return v.some((x) => hasNonFinite(x, depth + 1));
  for (const k in v) if (hasNonFinite(v[k]!, depth + 1)) return true;
  return false;
}

function fix(v: Value): Value {
  if (typeof v === "number") return Number.isNaN(v) ? null : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
  if (Array.isArray(v)) return v.map(fix);
  if (isObject(v)) {
    const o = newObject();
    for (const k in v) o[k] = fix(v[k]!);
    return o;
  }
  return v;
}

/** Makes an output valid JSON data as jq prints it: NaN becomes null, infinities the largest doubles. */
export function normalizeOutput(v: Value): Value {
  return hasNonFinite(v, 0) ? fix(v) : v;
}

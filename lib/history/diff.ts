/**
 * RFC 6902 diff in one pass that also yields the inverse patch, so a commit does not diff the
 * state twice. Applying `patch` to `before` gives `after`; applying `inverse` to `after` gives
 * `before`.
 */
import type { JsonValue, PatchOp } from "../protocol/events";

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const isObject = (v: JsonValue): v is { [key: string]: JsonValue } => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Diff {
  patch: PatchOp[];
  inverse: PatchOp[];
}

function equal(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k]!, b[k]!));
  }
  return false;
}

function walk(a: JsonValue, b: JsonValue, path: string, fwd: PatchOp[], inv: PatchOp[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) walk(a[i]!, b[i]!, `${path}/${i}`, fwd, inv);
    for (let i = a.length - 1; i >= b.length; i--) {
      fwd.push({ op: "remove", path: `${path}/${i}` });
      inv.push({ op: "add", path: `${path}/${i}`, value: a[i]! });
    }
    for (let i = a.length; i < b.length; i++) {
      fwd.push({ op: "add", path: `${path}/${i}`, value: b[i]! });
      inv.push({ op: "remove", path: `${path}/${i}` });
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      const p = `${path}/${escape(k)}`;
      if (Object.hasOwn(b, k)) walk(a[k]!, b[k]!, p, fwd, inv);
      else {
        fwd.push({ op: "remove", path: p });
        inv.push({ op: "add", path: p, value: a[k]! });
      }
    }
    for (const k of Object.keys(b)) {
      if (Object.hasOwn(a, k)) continue;
      const p = `${path}/${escape(k)}`;
      fwd.push({ op: "add", path: p, value: b[k]! });
      inv.push({ op: "remove", path: p });
    }
    return;
  }
  if (!equal(a, b)) {
    fwd.push({ op: "replace", path, value: b });
    inv.push({ op: "replace", path, value: a });
  }
}

/** The patch from `before` to `after`, and its inverse. */
export function diff(before: JsonValue, after: JsonValue): Diff {
  const patch: PatchOp[] = [];
  const inverse: PatchOp[] = [];
  walk(before, after, "", patch, inverse);
  return { patch, inverse: inverse.reverse() };
}

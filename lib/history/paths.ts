/** Which state paths a JSON Patch touches, and whether two sets of paths overlap. */
import type { PatchOp } from "../protocol/events";

export function touchedPaths(patch: readonly PatchOp[]): string[] {
  const out = new Set<string>();
  for (const op of patch) {
    if (op.op === "test") continue;
    out.add(op.path);
    if (op.op === "move" && op.from !== undefined) out.add(op.from);
  }
  return [...out];
}

/** Two JSON Pointers overlap when one is the other or lies inside it. */
export function overlaps(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short === "" || long.startsWith(`${short}/`);
}

export function anyOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => overlaps(x, y)));
}

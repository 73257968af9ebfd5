import type { JsonValue, PatchOp } from "../../../../lib/protocol/events";
import { parsePointer } from "./patch";

/**
 * Ids of the records a patch touched, for the AI shimmer: for each op, the deepest object on its
 * path (in the new state) that has a string `id`, plus ids of added values.
 */
export function changedIds(state: JsonValue, patch: readonly PatchOp[]): string[] {
  const out = new Set<string>();
  const idOf = (v: JsonValue | undefined): string | null =>
    typeof v === "object" && v !== null && !Array.isArray(v) && typeof v.id === "string" ? v.id : null;
  for (const op of patch) {
    let at: JsonValue | undefined = state;
    let deepest: string | null = null;
    let path: string[];
    try {
      path = parsePointer(op.path);
    } catch {
      continue;
    }
    for (const key of path) {
      if (typeof at !== "object" || at === null) break;
      at = Array.isArray(at) ? at[Number(key)] : at[key];
      deepest = idOf(at) ?? deepest;
    }
    if (deepest) out.add(deepest);
    const added = idOf(op.value);
    if (added) out.add(added);
  }
  return [...out];
}

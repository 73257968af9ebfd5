/**
 * jq over the browser surfaces `pe.a11y`, `pe.anomalies` and `pe.components`: the jq runner over
 * the browser's value, plus `meta.last_updated` (when the value was computed) and
 * `meta.target_rect` — the box around the `target_rect`s (anomalies) or `rect`s (a11y nodes) of
 * the outputs, or of the items of a single array output — shown to browsers as a `target_rect`.
 */
import type { JsonValue } from "../../../lib/protocol/events";
import { RectSchema, type Rect } from "../../../lib/protocol/perception";
import { runJq } from "./jq-runner";
import { announceTarget, boundingRect } from "./perception";
import { resolveOnce, type LangRunner } from "./surface";

/** Most outputs looked at for rectangles. */
const RECT_SCAN = 1000;

function rectOf(v: JsonValue): Rect | null {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const parsed = RectSchema.safeParse(v.target_rect ?? v.rect);
  return parsed.success && parsed.data.width > 0 && parsed.data.height > 0 ? parsed.data : null;
}

/** The smallest rectangle around the outputs' rects, or null when they have none. */
export function outputsRect(outputs: JsonValue[]): Rect | null {
  const items = outputs.length === 1 && Array.isArray(outputs[0]) ? outputs[0] : outputs;
  return boundingRect(items.slice(0, RECT_SCAN).map(rectOf).filter((r) => r !== null));
}

export const runBrowserJq: LangRunner = async (s, input) => {
  const ran = await runJq(s, input);
  if (!ran.ok) return ran;
  const resolved = await resolveOnce(s, input);
  const target_rect = outputsRect(ran.outputs);
  await announceTarget(input, s, target_rect);
  return { ...ran, target_rect, last_updated: resolved.ok ? resolved.last_updated : undefined };
};

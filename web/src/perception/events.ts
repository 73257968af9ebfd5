/** Which stream events belong to perception. Pure. */
import type { PerceptionEvent } from "../../../lib/protocol/perception";

/**
 * True for the events perception handles (they travel on `pe:main`). A `target_rect` without an
 * `agent` is the older per-room presence shape, left to the hub.
 */
export function isPerceptionEvent(ev: { type: string }): ev is PerceptionEvent {
  return ev.type === "perception_query" || ev.type === "perception_invalidate" || ev.type === "perception_active" || (ev.type === "target_rect" && "agent" in ev);
}

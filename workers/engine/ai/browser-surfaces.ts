/**
 * The `pe` surfaces a connected browser computes on request: view, a11y, anomalies, components,
 * screenshot (see `lib/protocol/perception.ts`).
 */
import { surface, type Resolved, type Surface } from "./surface";

const noBrowser = (what: string): Resolved => ({ ok: false, code: "no_browser", message: `${what} is computed by a connected browser, and none is connected to this workspace` });

export const BROWSER_SURFACES: Surface[] = (
  [
    ["view", "css", "The rendered layout: tag, id, classes, attrs, rect, text, colors, font, z, overflow, position, display, visible, children. Query with CSS selectors."],
    ["a11y", "jq", "The accessibility tree: role, name, states, rect, children."],
    ["anomalies", "jq", "Layout problems: zero-area, off-screen, clipped by a parent, z-index conflicts, low contrast — each with its target_rect."],
    ["components", "jq", "Per-component render status, error, frame_count and summary."],
    ["screenshot", "css", "A PNG of `selector:<css>` or `rect:x,y,w,h`."],
  ] as const
).map(([name, lang, description]) =>
  surface({ plugin: "pe", name, lang, freshness: name === "view" ? { kind: "dirty_timer", ms: 2000 } : { kind: "lazy" }, description, browser: true }, async () => noBrowser(`pe.${name}`)),
);

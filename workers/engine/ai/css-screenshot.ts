/**
 * `pe.screenshot`: the query is `selector:<css>` or `rect:x,y,w,h` (page pixels). It is checked
 * here (bad syntax is an in-band `invalid_query`), passed to a connected browser as the
 * `perception_query`'s `query`, and answered with the browser's `Screenshot` as the one output;
 * `meta.target_rect` is the captured rectangle.
 */
import type { Screenshot } from "../../../lib/protocol/perception";
import { selectorProblem } from "./css-view";
import { announceTarget, perceive } from "./perception";
import type { LangRunner } from "./surface";

/** Largest side a screenshot may have, in CSS pixels (the browser refuses bigger boxes too). */
export const MAX_SCREENSHOT_SIDE = 4096;

/** The normalized query to send to the browser, or why it is not one. */
export function parseScreenshotQuery(query: string): { ok: true; query: string } | { ok: false; message: string } {
  const q = query.trim();
  if (q.startsWith("selector:")) {
    const css = q.slice("selector:".length).trim();
    if (!css) return { ok: false, message: "selector: needs a CSS selector, e.g. selector:[data-plugin=graphist] [data-component=canvas]" };
    const problem = selectorProblem(css);
    return problem ? { ok: false, message: problem } : { ok: true, query: `selector:${css}` };
  }
  if (q.startsWith("rect:")) {
    const parts = q.slice("rect:".length).split(",").map((p) => p.trim());
    const nums = parts.map(Number);
    if (parts.length !== 4 || parts.some((p) => p === "") || nums.some((n) => !Number.isFinite(n))) {
      return { ok: false, message: "rect: needs four numbers x,y,w,h in page pixels, e.g. rect:0,0,800,600" };
    }
    const [x, y, w, h] = nums as [number, number, number, number];
    if (w <= 0 || h <= 0) return { ok: false, message: "rect: width and height must be positive" };
    if (w > MAX_SCREENSHOT_SIDE || h > MAX_SCREENSHOT_SIDE) return { ok: false, message: `rect: each side must be at most ${MAX_SCREENSHOT_SIDE} px` };
    return { ok: true, query: `rect:${x},${y},${w},${h}` };
  }
  return { ok: false, message: "pe.screenshot queries are selector:<css> or rect:x,y,w,h" };
}

export const runScreenshot: LangRunner = async (s, input) => {
  const parsed = parseScreenshotQuery(input.query);
  if (!parsed.ok) return { ok: false, code: "invalid_query", message: parsed.message };
  const got = await perceive(input, s, parsed.query);
  if (!got.ok) return got;
  const shot = got.value as unknown as Screenshot;
  await announceTarget(input, s, shot.rect);
  return { ok: true, outputs: [got.value], version_hash: got.version_hash, target_rect: shot.rect, last_updated: got.last_updated };
};

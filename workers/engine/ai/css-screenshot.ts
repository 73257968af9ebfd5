/**
 * `pe.screenshot`: the query is `selector:<css>` or `rect:x,y,w,h` (page pixels). It is checked
 * here (bad syntax is an in-band `invalid_query`), passed to a connected browser as the
 * `perception_query`'s `query`, and answered with the browser's `Screenshot` as the one output;
 * `meta.target_rect` is the captured rectangle.
 */
import { parseScreenshotQuery, type Screenshot } from "../../../lib/protocol/perception";
import { selectorProblem } from "./css-view";
import { announceTarget, perceive } from "./perception";
import type { LangRunner } from "./surface";

/** The normalized query to send to the browser (its selector checked here), or why it is not one. */
function screenshotQuery(query: string): { ok: true; query: string } | { ok: false; message: string } {
  const parsed = parseScreenshotQuery(query);
  if (!parsed.ok) return parsed;
  const t = parsed.target;
  if (t.kind === "rect") return { ok: true, query: `rect:${t.rect.x},${t.rect.y},${t.rect.width},${t.rect.height}` };
  const problem = selectorProblem(t.css);
  return problem ? { ok: false, message: problem } : { ok: true, query: `selector:${t.css}` };
}

export const runScreenshot: LangRunner = async (s, input) => {
  const parsed = screenshotQuery(input.query);
  if (!parsed.ok) return { ok: false, code: "invalid_query", message: parsed.message };
  const got = await perceive(input, s, parsed.query);
  if (!got.ok) return got;
  const shot = got.value as unknown as Screenshot;
  await announceTarget(input, s, shot.rect);
  return { ok: true, outputs: [got.value], version_hash: got.version_hash, target_rect: shot.rect, last_updated: got.last_updated };
};

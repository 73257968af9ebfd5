/** The `pe.screenshot` query: `selector:<css>` or `rect:x,y,w,h` (page coordinates). Pure. */
import type { Rect } from "../../../lib/protocol/perception";

export type ScreenshotTarget = { kind: "selector"; css: string } | { kind: "rect"; rect: Rect };

export class BadQuery extends Error {
  override name = "BadQuery";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Largest side of a screenshot in CSS pixels (bigger boxes are refused, not shrunk). */
export const MAX_SIDE = 4096;

export function parseScreenshotQuery(query: string | null): ScreenshotTarget {
  const q = (query ?? "").trim();
  if (q.startsWith("selector:")) {
    const css = q.slice("selector:".length).trim();
    if (!css) throw new BadQuery("bad_query", "selector: needs a CSS selector, e.g. selector:[data-plugin=graphist] [data-component=canvas]");
    return { kind: "selector", css };
  }
  if (q.startsWith("rect:")) {
    const parts = q.slice("rect:".length).split(",").map((p) => p.trim());
    const nums = parts.map(Number);
    if (parts.length !== 4 || parts.some((p) => p === "") || nums.some((n) => !Number.isFinite(n))) {
      throw new BadQuery("bad_query", "rect: needs four numbers x,y,w,h in page pixels, e.g. rect:0,0,800,600");
    }
    const [x, y, width, height] = nums as [number, number, number, number];
    if (width <= 0 || height <= 0) throw new BadQuery("bad_query", "rect: width and height must be positive");
    if (width > MAX_SIDE || height > MAX_SIDE) throw new BadQuery("too_large", `rect: each side must be at most ${MAX_SIDE} px`);
    return { kind: "rect", rect: { x, y, width, height } };
  }
  throw new BadQuery("bad_query", "pe.screenshot queries are selector:<css> or rect:x,y,w,h");
}

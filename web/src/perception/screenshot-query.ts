/** The `pe.screenshot` query in the browser: the protocol's parser, failing with a `BadQuery`. */
import { MAX_SCREENSHOT_SIDE, parseScreenshotQuery as parse, type ScreenshotTarget } from "../../../lib/protocol/perception";

export type { ScreenshotTarget };

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
export const MAX_SIDE = MAX_SCREENSHOT_SIDE;

/** `selector:<css>` or `rect:x,y,w,h` (page coordinates); throws `BadQuery` (`bad_query`, `too_large`). */
export function parseScreenshotQuery(query: string | null): ScreenshotTarget {
  const parsed = parse(query);
  if (!parsed.ok) throw new BadQuery(parsed.code, parsed.message);
  return parsed.target;
}

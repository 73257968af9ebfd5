/** Rectangle math for perception (page coordinates, CSS pixels). Pure, no DOM. */
import type { Rect } from "../../../lib/protocol/perception";

export type { Rect };

/** A rect rounded to 0.1 px (layout snapshots are compared and shipped as JSON). */
export function roundRect(r: Rect): Rect {
  const k = (v: number) => Math.round(v * 10) / 10;
  return { x: k(r.x), y: k(r.y), width: k(r.width), height: k(r.height) };
}

export const area = (r: Rect): number => Math.max(0, r.width) * Math.max(0, r.height);

/** The overlap of two rects, or null when they do not overlap (touching edges do not). */
export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/** True when `inner` lies entirely inside `outer` (with a half-pixel tolerance for rounding). */
export function contains(outer: Rect, inner: Rect, tolerance = 0.5): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.width <= outer.x + outer.width + tolerance &&
    inner.y + inner.height <= outer.y + outer.height + tolerance
  );
}

/** True when a (non-empty) rect lies entirely outside the page area a person can scroll to. */
export function offPage(r: Rect, page: { width: number; height: number }): boolean {
  return r.x + r.width <= 0 || r.y + r.height <= 0 || r.x >= page.width || r.y >= page.height;
}

/** A sub-rect in a source image's pixels: `r` relative to `origin`, scaled, clamped to the image. */
export function cropBox(r: Rect, origin: { x: number; y: number }, scale: number, image: { width: number; height: number }): Rect | null {
  const x = Math.max(0, Math.floor((r.x - origin.x) * scale));
  const y = Math.max(0, Math.floor((r.y - origin.y) * scale));
  const right = Math.min(image.width, Math.ceil((r.x - origin.x + r.width) * scale));
  const bottom = Math.min(image.height, Math.ceil((r.y - origin.y + r.height) * scale));
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

export interface Layer {
  /** Computed `z-index` (`auto` or an integer). */
  z: string;
  position: string;
  rect: Rect;
}

/**
 * Pairs of siblings (indexes) that are positioned, carry the same explicit z-index and overlap:
 * which one paints on top then depends on DOM order alone, usually not what was meant.
 */
export function zConflicts(siblings: readonly Layer[]): [number, number][] {
  const out: [number, number][] = [];
  const positioned = siblings.map((s, i) => ({ s, i })).filter(({ s }) => s.position !== "static" && s.z !== "auto" && area(s.rect) > 0);
  for (let a = 0; a < positioned.length; a++) {
    for (let b = a + 1; b < positioned.length; b++) {
      const p = positioned[a]!;
      const q = positioned[b]!;
      if (p.s.z === q.s.z && intersect(p.s.rect, q.s.rect)) out.push([p.i, q.i]);
    }
  }
  return out;
}

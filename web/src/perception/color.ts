/**
 * Colour math for the low-contrast check of `pe.anomalies`: parse computed CSS colours,
 * composite translucent layers and compute the WCAG 2 contrast ratio. Pure, no DOM.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1 */
  a: number;
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function channel(part: string, max: number): number | null {
  const p = part.trim();
  if (p === "none") return 0;
  const n = Number.parseFloat(p);
  if (!Number.isFinite(n)) return null;
  return clamp(p.endsWith("%") ? (n / 100) * max : n, 0, max);
}

function alpha(part: string | undefined): number | null {
  if (part === undefined) return 1;
  const p = part.trim();
  const n = Number.parseFloat(p);
  if (!Number.isFinite(n)) return null;
  return clamp(p.endsWith("%") ? n / 100 : n, 0, 1);
}

/**
 * Parses what `getComputedStyle` returns for a colour: `rgb()`/`rgba()` (comma or space syntax),
 * `color(srgb r g b / a)`, `transparent` and `#rgb[a]`/`#rrggbb[aa]`. Anything else (e.g. `oklch()`)
 * is `null`: the caller skips the check rather than guess.
 */
export function parseColor(input: string): Rgba | null {
  const s = input.trim().toLowerCase();
  if (s === "transparent") return { r: 0, g: 0, b: 0, a: 0 };
  if (s.startsWith("#")) return parseHex(s.slice(1));
  const fn = /^(rgba?|color)\((.*)\)$/.exec(s);
  if (!fn) return null;
  let body = fn[2]!.trim();
  const srgb = fn[1] === "color";
  if (srgb) {
    if (!body.startsWith("srgb ")) return null;
    body = body.slice(5);
  }
  const [main, slashAlpha] = body.split("/");
  const parts = main!.includes(",") ? main!.split(",") : main!.trim().split(/\s+/);
  const alphaPart = slashAlpha ?? (parts.length === 4 ? parts.pop() : undefined);
  if (parts.length !== 3) return null;
  const max = srgb ? 1 : 255;
  const [r, g, b] = parts.map((p) => channel(p, max));
  const a = alpha(alphaPart);
  if (r == null || g == null || b == null || a == null) return null;
  const k = 255 / max;
  return { r: r * k, g: g * k, b: b * k, a };
}

function parseHex(hex: string): Rgba | null {
  if (!/^[0-9a-f]+$/.test(hex) || ![3, 4, 6, 8].includes(hex.length)) return null;
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join("") : hex;
  const at = (i: number) => Number.parseInt(full.slice(i * 2, i * 2 + 2), 16);
  return { r: at(0), g: at(1), b: at(2), a: full.length === 8 ? at(3) / 255 : 1 };
}

/** `top` painted over `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/**
 * The effective background behind an element: its own background and its ancestors' (nearest
 * first) composited until opaque, over white (the canvas) when they never are.
 */
export function effectiveBackground(layers: readonly Rgba[]): Rgba {
  let under: Rgba | null = null;
  // Composite from the farthest layer that matters (the first opaque one) towards the nearest.
  let start = layers.findIndex((l) => l.a >= 1);
  if (start < 0) {
    start = layers.length - 1;
    under = WHITE;
  }
  let acc: Rgba = under ?? layers[start]!;
  for (let i = under ? start : start - 1; i >= 0; i--) acc = composite(layers[i]!, acc);
  return { ...acc, a: 1 };
}

function linear(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/** WCAG 2 contrast ratio (1..21) of text colour `fg` (translucent allowed) over opaque `bg`. */
export function contrastRatio(fg: Rgba, bg: Rgba): number {
  const text = fg.a < 1 ? composite(fg, { ...bg, a: 1 }) : fg;
  const [hi, lo] = [luminance(text), luminance(bg)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** WCAG AA minimum: 3 for large text (≥ 24 px, or ≥ 18.66 px bold), 4.5 otherwise. */
export function minimumContrast(fontSizePx: number, fontWeight: number): number {
  return fontSizePx >= 24 || (fontSizePx >= 18.66 && fontWeight >= 700) ? 3 : 4.5;
}

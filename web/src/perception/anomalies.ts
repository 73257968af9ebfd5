/**
 * `pe.anomalies`: layout problems in the plugin panels a person would notice: zero-area elements
 * that have content, elements entirely off the page, elements clipped by an ancestor's
 * `overflow: hidden|clip`, overlapping positioned siblings with the same z-index, and text below
 * the WCAG AA contrast minimum (4.5:1, 3:1 for large text).
 */
import type { Anomaly, Rect } from "../../../lib/protocol/perception";
import { contrastRatio, effectiveBackground, minimumContrast, parseColor, type Rgba } from "./color";
import { isSkipped, isVisible, ownText, pageRect, pageSize, panelsRoot, pathBuilder } from "./dom";
import { area, contains, intersect, offPage, zConflicts } from "./geometry";

/** Walk at most this many elements and report at most this many anomalies. */
export const ANOMALY_LIMITS = { elements: 8000, anomalies: 300 };

/** SVG elements that never paint a box of their own (zero area is normal for them). */
const SVG_NON_RENDERED = new Set(["defs", "marker", "pattern", "clippath", "mask", "lineargradient", "radialgradient", "title", "desc", "symbol", "metadata", "filter", "style", "stop"]);

interface Clip {
  el: Element;
  rect: Rect;
  overflow: string;
}

function backgroundLayers(el: Element): Rgba[] | null {
  const layers: Rgba[] = [];
  for (let at: Element | null = el; at; at = at.parentElement) {
    const s = getComputedStyle(at);
    // An image or gradient behind the text: its colour cannot be known from styles.
    if (s.backgroundImage !== "none") return null;
    const c = parseColor(s.backgroundColor);
    if (!c) return null;
    if (c.a > 0) layers.push(c);
    if (c.a >= 1) break;
  }
  return layers;
}

export function findAnomalies(root: Element = panelsRoot(), limits = ANOMALY_LIMITS): Anomaly[] {
  const out: Anomaly[] = [];
  const page = pageSize(root.ownerDocument);
  let budget = limits.elements;
  const pathOf = pathBuilder();
  const report = (el: Element, kind: Anomaly["kind"], detail: string, rect = pageRect(el)) => {
    if (out.length < limits.anomalies) out.push({ kind, selector: pathOf(el), target_rect: rect, detail });
  };

  const walk = (el: Element, clip: Clip | null, clippedAbove: boolean, inSvgDefs: boolean): void => {
    if (budget-- <= 0 || out.length >= limits.anomalies) return;
    const tag = el.localName.toLowerCase();
    const style = getComputedStyle(el);
    if (style.display === "none") return;
    const defs = inSvgDefs || SVG_NON_RENDERED.has(tag);
    const rect = pageRect(el);
    const svg = el.namespaceURI === "http://www.w3.org/2000/svg";
    let clipped = clippedAbove;

    if (!defs && style.display !== "contents") {
      const shown = style.visibility !== "hidden";
      const hasText = ownText(el, 1) !== "";
      const hasContent = hasText || el.childElementCount > 0;
      if (area(rect) === 0 && hasContent && shown) {
        report(el, "zero_area", `${rect.width}×${rect.height} px but has content`, rect);
        clipped = true; // its content is hidden with it; not reported again as clipped
      }
      else if (area(rect) > 0 && offPage(rect, page)) report(el, "off_screen", `outside the ${page.width}×${page.height} px page`, rect);
      else if (area(rect) > 0 && clip && !clippedAbove && !contains(clip.rect, rect) && !contains(rect, clip.rect)) {
        // An element that covers its whole clipping box is a background (e.g. a canvas grid), not a defect.
        const seen = intersect(rect, clip.rect);
        report(el, "clipped", `${seen ? "partly" : "entirely"} hidden by ${pathOf(clip.el)} (overflow: ${clip.overflow})`, rect);
        clipped = true;
      }
      if (!svg && shown && hasText && area(rect) > 0) lowContrast(el, style, report);
    }

    const clipsChildren = ["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY);
    const nextClip = clipsChildren && !defs ? { el, rect, overflow: style.overflow } : clip;
    const kids = [...el.children].filter((c) => !isSkipped(c));
    if (kids.length > 1 && !defs) {
      const layers = kids.map((k) => {
        const s = getComputedStyle(k);
        return { z: s.zIndex, position: s.position, rect: pageRect(k) };
      });
      for (const [a, b] of zConflicts(layers)) report(kids[b]!, "z_conflict", `z-index ${layers[b]!.z} like its overlapping sibling ${pathOf(kids[a]!)}; DOM order decides which is on top`);
    }
    for (const k of kids) walk(k, nextClip, clipped, defs);
  };
  for (const k of root.children) walk(k, null, false, false);
  return out;
}

/** SVG text is left out: it paints over shapes whose colours styles do not tell. */
function lowContrast(el: Element, style: CSSStyleDeclaration, report: (el: Element, kind: Anomaly["kind"], detail: string) => void): void {
  if (!isVisible(el, style)) return;
  const fg = parseColor(style.color);
  const layers = backgroundLayers(el);
  if (!fg || !layers) return;
  const bg = effectiveBackground(layers);
  const ratio = contrastRatio(fg, bg);
  const need = minimumContrast(Number.parseFloat(style.fontSize), Number.parseInt(style.fontWeight, 10) || 400);
  if (ratio < need) {
    const rgb = (c: Rgba) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
    report(el, "low_contrast", `contrast ${ratio.toFixed(2)}:1 (${style.color} on ${rgb(bg)}), needs ${need}:1`);
  }
}

/** DOM helpers shared by the browser-computed surfaces. */
import type { Rect } from "../../../lib/protocol/perception";
import type { PathElement } from "./css-path";
import { cssPath } from "./css-path";
import { roundRect } from "./geometry";
import { cleanName } from "./roles";

/** Marks perception's own overlay (the eye, the indicator): never part of a snapshot or feed. */
export const OWN_UI_ATTR = "data-perception-ui";

/** Elements never walked: they render nothing a person sees. */
export const SKIPPED_TAGS = new Set(["script", "style", "template", "noscript", "link", "meta", "head", "title"]);

/** The element holding the plugin panels, else the body. */
export function panelsRoot(doc: Document = document): Element {
  return doc.querySelector(".plugin-panels") ?? doc.querySelector('[data-testid="plugin-area"]') ?? doc.body;
}

export const isOwnUi = (el: Element): boolean => el.closest(`[${OWN_UI_ATTR}]`) !== null;

/** A child a snapshot walk leaves out: a tag that renders nothing, or perception's own overlay. */
export const isSkipped = (el: Element): boolean => SKIPPED_TAGS.has(el.localName) || el.hasAttribute(OWN_UI_ATTR);

/** The element's border box in page coordinates (viewport + scroll), rounded to 0.1 px. */
export function pageRect(el: Element | Range): Rect {
  const r = el.getBoundingClientRect();
  return roundRect({ x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height });
}

/** The page's scrollable size (for off-screen checks). */
export function pageSize(doc: Document = document): { width: number; height: number } {
  const e = doc.documentElement;
  return { width: Math.max(e.scrollWidth, e.clientWidth), height: Math.max(e.scrollHeight, e.clientHeight) };
}

type Positions = WeakMap<Element, { index: number; of: number }>;

/** Every child's position among same-tag siblings, in one pass over the parent (cached). */
function positionIn(el: Element, cache: Positions): { index: number; of: number } {
  const hit = cache.get(el);
  if (hit) return hit;
  const parent = el.parentElement;
  if (!parent) return { index: 1, of: 1 };
  const byTag = new Map<string, Element[]>();
  for (const s of parent.children) {
    const list = byTag.get(s.localName);
    if (list) list.push(s);
    else byTag.set(s.localName, [s]);
  }
  for (const list of byTag.values()) list.forEach((s, i) => cache.set(s, { index: i + 1, of: list.length }));
  return cache.get(el) ?? { index: 1, of: 1 };
}

function asPath(el: Element, cache: Positions): PathElement {
  return {
    tag: el.localName,
    id: el.id,
    attr: (n) => el.getAttribute(n),
    get parent() {
      return el.parentElement ? asPath(el.parentElement, cache) : null;
    },
    position: () => positionIn(el, cache),
  };
}

/**
 * A CSS path builder (see `cssPath`). Sibling positions are cached for the builder's life, so
 * paths of many children of one parent cost one pass over it: make one per snapshot or batch,
 * not one for ever (the DOM changes).
 */
export function pathBuilder(): (el: Element) => string {
  const cache: Positions = new WeakMap();
  return (el) => cssPath(asPath(el, cache));
}

/** The element's own text (its direct text nodes), whitespace collapsed, capped at `max`. */
export function ownText(el: Element, max: number): string {
  let t = "";
  for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) t += n.textContent ?? "";
  return cleanName(t, max);
}

/** Rendered and not hidden by display, visibility, opacity or content-visibility. */
export function isVisible(el: Element, style: CSSStyleDeclaration): boolean {
  if (typeof el.checkVisibility === "function") {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
  } else if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

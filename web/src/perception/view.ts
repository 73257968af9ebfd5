/** `pe.view`: the rendered layout snapshot of the plugin panels as a `ViewNode` tree. */
import type { ViewNode } from "../../../lib/protocol/perception";
import { isSkipped, isVisible, ownText, pageRect, panelsRoot } from "./dom";

/**
 * Caps, so one query cannot freeze the tab or ship megabytes: at most `nodes` elements in all,
 * `depth` levels below the root, `text` characters of own text per element. Past a cap the
 * walk stops adding children (the tree is complete up to there).
 */
export const VIEW_LIMITS = { depth: 60, nodes: 5000, text: 200 };

export function viewSnapshot(root: Element = panelsRoot(), limits = VIEW_LIMITS): ViewNode {
  let budget = limits.nodes;
  const walk = (el: Element, depth: number): ViewNode => {
    budget--;
    const style = getComputedStyle(el);
    const attrs: Record<string, string> = {};
    for (const a of el.attributes) attrs[a.name] = a.value;
    const children: ViewNode[] = [];
    if (depth < limits.depth) {
      for (const child of el.children) {
        if (budget <= 0) break;
        if (isSkipped(child)) continue;
        children.push(walk(child, depth + 1));
      }
    }
    const svg = el.namespaceURI === "http://www.w3.org/2000/svg";
    return {
      tag: el.localName,
      id: el.id || null,
      classes: [...el.classList],
      attrs,
      rect: pageRect(el),
      text: ownText(el, limits.text),
      // SVG shapes paint with fill; their `color` is only what currentColor would be.
      colors: { color: svg && el.localName !== "svg" ? style.fill : style.color, background: style.backgroundColor },
      font: { family: style.fontFamily, size: style.fontSize, weight: style.fontWeight },
      z: style.zIndex,
      overflow: style.overflow,
      position: style.position,
      display: style.display,
      visible: isVisible(el, style),
      children,
    };
  };
  return walk(root, 0);
}

/**
 * `pe.a11y`: an accessibility tree of the plugin panels. Roles come from `role` or the tag's
 * implicit role; elements without a role (div/span/g wrappers, role=presentation) are folded
 * into their parent, their children lifted; loose text becomes `text` nodes. Not rendered
 * (display:none) subtrees are left out; `aria-hidden` ones appear once, marked `hidden`.
 */
import type { A11yNode } from "../../../lib/protocol/perception";
import { isOwnUi, pageRect, panelsRoot, SKIPPED_TAGS } from "./dom";
import { cleanName, namesFromContent, roleOf, statesOf } from "./roles";

/** At most this many nodes (the walk stops adding past it). */
export const A11Y_MAX_NODES = 3000;

function labelText(ids: string, doc: Document): string {
  return ids
    .split(/\s+/)
    .map((id) => doc.getElementById(id)?.textContent ?? "")
    .join(" ");
}

/** Accessible name: aria-labelledby, aria-label, label/alt/title per element, then content. */
export function accessibleName(el: Element, role: string): string {
  const by = el.getAttribute("aria-labelledby");
  if (by) {
    const t = cleanName(labelText(by, el.ownerDocument));
    if (t) return t;
  }
  const aria = el.getAttribute("aria-label");
  if (aria?.trim()) return cleanName(aria);
  if (el instanceof HTMLImageElement || (el instanceof HTMLInputElement && el.type === "image")) {
    const alt = el.getAttribute("alt");
    if (alt) return cleanName(alt);
  }
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
    const labels = el.labels ? [...el.labels].map((l) => l.textContent ?? "").join(" ") : "";
    if (labels.trim()) return cleanName(labels);
    if (el instanceof HTMLInputElement && ["button", "submit", "reset"].includes(el.type)) return cleanName(el.value);
    const ph = el.getAttribute("placeholder");
    if (ph) return cleanName(ph);
  }
  const svgTitle = el.namespaceURI === "http://www.w3.org/2000/svg" ? el.querySelector(":scope > title")?.textContent : null;
  if (svgTitle) return cleanName(svgTitle);
  if (namesFromContent(role)) {
    const t = cleanName((el as HTMLElement).innerText ?? el.textContent ?? "");
    if (t) return t;
  }
  return cleanName(el.getAttribute("title") ?? "");
}

export function a11ySnapshot(root: Element = panelsRoot(), maxNodes = A11Y_MAX_NODES): A11yNode {
  let budget = maxNodes;
  const focused = root.ownerDocument.activeElement;

  /** The nodes `el` contributes to its parent: itself, or (a wrapper) its children and text. */
  const visit = (el: Element): A11yNode[] => {
    if (budget <= 0 || SKIPPED_TAGS.has(el.localName) || isOwnUi(el)) return [];
    const style = getComputedStyle(el);
    if (style.display === "none") return [];
    const attr = (n: string) => el.getAttribute(n);
    const role = roleOf(el.localName, attr, el.parentElement?.closest("article, aside, main, nav, section") != null);
    const hidden = attr("aria-hidden") === "true";
    if (hidden) {
      budget--;
      return [{ role: role || "generic", name: "", states: ["hidden"], rect: pageRect(el), children: [] }];
    }
    const kids = (): A11yNode[] => {
      const out: A11yNode[] = [];
      // Adjacent text nodes (`v{version}` renders two) make one text node.
      let run: Node[] = [];
      const flush = () => {
        const text = run.map((t) => t.textContent ?? "").join("");
        if (text.trim() && style.visibility !== "hidden" && budget > 0) {
          budget--;
          const range = el.ownerDocument.createRange();
          range.setStartBefore(run[0]!);
          range.setEndAfter(run[run.length - 1]!);
          out.push({ role: "text", name: cleanName(text), states: [], rect: pageRect(range), children: [] });
        }
        run = [];
      };
      for (const n of el.childNodes) {
        if (budget <= 0) break;
        if (n.nodeType === Node.TEXT_NODE) {
          run.push(n);
          continue;
        }
        if (run.length) flush();
        if (n.nodeType === Node.ELEMENT_NODE) out.push(...visit(n as Element));
      }
      if (run.length) flush();
      return out;
    };
    if (!role || role === "presentation" || role === "generic") return kids();
    budget--;
    const name = accessibleName(el, role);
    const control = el as Partial<HTMLInputElement>;
    const states = statesOf({
      attr,
      checked: typeof control.checked === "boolean" && control.checked,
      disabled: el.matches(":disabled"),
      focused: el === focused,
      hidden: style.visibility === "hidden",
    });
    // A name taken from content already says what its text children would.
    const all = kids();
    const children = namesFromContent(role) ? all.filter((k) => k.role !== "text") : all;
    return [{ role, name, states, rect: pageRect(el), children }];
  };

  const rootRole = roleOf(root.localName, (n) => root.getAttribute(n)) || "generic";
  const rootNode: A11yNode = { role: rootRole, name: accessibleName(root, rootRole), states: [], rect: pageRect(root), children: [] };
  for (const child of root.children) rootNode.children.push(...visit(child));
  return rootNode;
}

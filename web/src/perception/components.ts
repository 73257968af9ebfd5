/**
 * `pe.components`: every rendered SDUI component (`[data-component]` inside a plugin panel) with
 * its status, error and a frame count. The renderer keeps no render counter (Solid updates the
 * DOM in place, there are no re-renders to count), so a frame is a mutation callback in which
 * the component's own DOM changed: `FrameCounter` watches the document with one MutationObserver
 * and credits the nearest `[data-component]` of each change once per callback (counted at idle
 * time, so a burst may land a moment late; past 20,000 waiting records some go uncounted); a
 * component counts 1 when first seen.
 */
import type { ComponentStatus } from "../../../lib/protocol/perception";
import { isOwnUi, panelsRoot } from "./dom";
import { IdleQueue, idleSchedule } from "./idle-queue";
import { cleanName } from "./roles";

const SELECTOR = "[data-component]";

export class FrameCounter {
  #counts = new WeakMap<Element, number>();
  #observer: MutationObserver | null = null;
  // Counted at idle time, not in the frame that changed the DOM (a callback stays one frame).
  #queue = new IdleQueue<MutationRecord>((callbacks) => callbacks.forEach((records) => this.#count(records)), idleSchedule());

  start(target: Node = document.body): void {
    this.#observer = new MutationObserver((records) => this.#queue.push(records));
    this.#observer.observe(target, { subtree: true, childList: true, attributes: true, characterData: true });
  }

  #count(records: MutationRecord[]): void {
    const targets = new Set<Node>(records.map((r) => r.target));
    const touched = new Set<Element>();
    for (const t of targets) {
      const el = t instanceof Element ? t : t.parentElement;
      const comp = el?.closest(SELECTOR);
      if (comp) touched.add(comp);
    }
    for (const c of touched) this.#counts.set(c, (this.#counts.get(c) ?? 1) + 1);
  }

  count(el: Element): number {
    return this.#counts.get(el) ?? 1;
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#queue.stop();
  }
}

/** One line about what a component shows: its role, shapes of a canvas, text, size. */
function summarise(el: Element): string {
  const parts: string[] = [];
  const role = el.getAttribute("data-role");
  if (role) parts.push(role);
  const svg = el.localName === "svg" ? el : el.querySelector(":scope > svg");
  if (svg) {
    const shapes = new Map<string, number>();
    for (const s of svg.querySelectorAll("circle, rect, line, path, ellipse, polygon, polyline, text, image")) {
      if (s.closest("defs, pattern, marker")) continue;
      shapes.set(s.localName, (shapes.get(s.localName) ?? 0) + 1);
    }
    if (shapes.size) parts.push([...shapes].map(([t, n]) => `${n} ${t}`).join(", "));
  }
  const text = cleanName((el instanceof HTMLElement ? el.innerText : el.textContent) ?? "", 80);
  if (text) parts.push(`"${text}"`);
  if (el.childElementCount) parts.push(`${el.childElementCount} child element${el.childElementCount === 1 ? "" : "s"}`);
  return parts.join("; ").slice(0, 300);
}

/** The renderer shows `.sd-error-box[data-component=error]` for unknown types and render errors. */
const isErrorBox = (el: Element) => el.getAttribute("data-component") === "error" || el.classList.contains("sd-error-box");

export function componentsSnapshot(counter: FrameCounter, root: Element = panelsRoot(), max = 2000): ComponentStatus[] {
  const out: ComponentStatus[] = [];
  for (const el of root.querySelectorAll(SELECTOR)) {
    if (out.length >= max) break;
    if (isOwnUi(el)) continue;
    const plugin = el.getAttribute("data-plugin") ?? el.closest("[data-plugin]")?.getAttribute("data-plugin") ?? "";
    const error = isErrorBox(el);
    out.push({
      plugin,
      component: el.getAttribute("data-component") ?? "",
      id: el.getAttribute("data-id"),
      status: error ? "error" : "ok",
      error: error ? (el.textContent ?? "").replace(/^\s*Cannot render\s*/, "").trim().slice(0, 500) : null,
      frame_count: counter.count(el),
      summary: summarise(el),
    });
  }
  return out;
}

/**
 * Exit animations: an element that leaves the tree (a node whose `visible` turns false, a list
 * item, a canvas scene element) stays where it was, inert and marked `data-exiting`, while its
 * declared exit plays; then it is removed. Reduced motion, or no exit declared: removed at once.
 * Built on @solid-primitives/transition-group (keeps removed elements until told to drop them).
 */
import { createListTransition, createSwitchTransition } from "@solid-primitives/transition-group";
import { children, createMemo } from "solid-js";
import type { JSX } from "solid-js";
import type { Frames } from "./animate";
import { exitFrames } from "./animate";
import type { AnimateSpec } from "./motion";
import { exitTiming, splitTransform } from "./motion";

const exits = new WeakMap<Element, () => AnimateSpec | null>();

/** Records how an element leaves (read when it does). */
export function registerExit(el: Element, spec: () => AnimateSpec | null): void {
  exits.set(el, spec);
}

export const hasExit = (el: Element): boolean => Boolean(exits.get(el)?.()?.exit);

/**
 * Plays `el`'s exit animation; resolves when it is done (at once without one). Callers skip it
 * under reduced motion. `index` staggers elements leaving together. SVG elements keep their own
 * transform.
 */
export function playExit(el: Element, index = 0): Promise<void> {
  const spec = exits.get(el)?.() ?? null;
  if (!spec?.exit || typeof el.animate !== "function") return Promise.resolve();
  const frames = exitFrames(spec.exit, spec.to);
  if (!frames.length) return Promise.resolve();
  el.setAttribute("data-exiting", spec.exit);
  el.setAttribute("inert", "");
  el.setAttribute("aria-hidden", "true");
  const style = (el as HTMLElement | SVGElement).style;
  style.pointerEvents = "none";
  const animations = animateElement(el, frames, exitTiming(spec, index), `sd-exit:${spec.exit}`);
  return Promise.all(animations.map((a) => a.finished)).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * `el.animate(frames, timing)`; on SVG elements the transform part is composited onto the
 * element's own transform (about the element's local origin when it has a transform attribute,
 * as a group's translate; else about its own box), and the rest runs beside it.
 */
export function animateElement(el: Element, frames: Frames, timing: KeyframeAnimationOptions, id: string): Animation[] {
  if (!(el instanceof SVGElement)) return [el.animate(frames as Keyframe[], { ...timing, id })];
  const { transform, rest } = splitTransform(frames);
  const out: Animation[] = [];
  if (transform.length) {
    if (!el.hasAttribute("transform")) {
      el.style.transformBox = "fill-box";
      el.style.transformOrigin = "center";
    }
    out.push(el.animate(transform as Keyframe[], { ...timing, composite: "add", id }));
  }
  if (rest.length) out.push(el.animate(rest as Keyframe[], { ...timing, id }));
  return out;
}

const elementsOf = (nodes: unknown[]): Element[] => nodes.filter((n): n is Element => n instanceof Element);

/**
 * Renders a keyed list (a `<For>`) whose removed elements play their exit before they go.
 * Elements without a registered exit leave at once.
 */
export function ExitGroup(props: { reducedMotion: () => boolean; children: JSX.Element }): JSX.Element {
  const resolved = children(() => props.children);
  const source = createMemo(() => elementsOf(resolved.toArray()));
  const rendered = createListTransition(source, {
    exitMethod: "keep-index",
    onChange({ removed, finishRemoved }) {
      const now: Element[] = [];
      let k = 0;
      for (const el of removed) {
        if (props.reducedMotion() || !hasExit(el)) now.push(el);
        else void playExit(el, k++).then(() => finishRemoved([el]));
      }
      if (now.length) finishRemoved(now);
    },
  });
  return rendered as unknown as JSX.Element;
}

/** One element that may come and go (a `<Show>`): it plays its exit before it is removed. */
export function ExitSwitch(props: { reducedMotion: () => boolean; children: JSX.Element }): JSX.Element {
  const resolved = children(() => props.children);
  const current = createMemo(() => elementsOf(resolved.toArray())[0]);
  const rendered = createSwitchTransition(current, {
    onExit(el, done) {
      if (props.reducedMotion() || !hasExit(el)) done();
      else void playExit(el).then(done);
    },
  });
  // Several nodes or text cannot be animated as one element: they are rendered as they are.
  return (() => {
    const list = resolved.toArray();
    return list.length > 1 || (list.length === 1 && !(list[0] instanceof Element)) ? list : rendered();
  }) as unknown as JSX.Element;
}

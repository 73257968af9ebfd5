/**
 * Tweens a value the renderer binds to an SVG attribute (cx, width, translate …) from its old to
 * its new value when state changes it. The clock and the easing are a Web Animation on the
 * element (id `sd-transition:<attribute>`, no keyframes): each frame reads its eased progress,
 * so pausing or seeking that animation (devtools, tests) holds or moves the attribute with it.
 */
import type { Accessor } from "solid-js";
import { batch, createComputed, createSignal, on, onCleanup, untrack } from "solid-js";
import { DEFAULT_DURATION, timing } from "./animate";
import type { AnimateSpec, Tweenable } from "./motion";
import { interpolate, sameValue } from "./motion";

export interface TweenOptions {
  /** The attribute's name (for the animation id). */
  name: string;
  el: () => Element | undefined;
  /** The element's animate block now (tweens when it transitions `name`). */
  active: () => AnimateSpec | null;
  reducedMotion: () => boolean;
  index?: number;
}

/** One frame loop for every running tween; their updates land in one Solid batch per frame. */
const running = new Set<() => boolean>();
let ticking = 0;
function tick(): void {
  ticking = 0;
  batch(() => {
    for (const step of running) if (!step()) running.delete(step);
  });
  if (running.size) ticking = requestAnimationFrame(tick);
}
function run(step: () => boolean): void {
  running.add(step);
  if (!ticking) ticking = requestAnimationFrame(tick);
}

/** The value to render: `target` itself, or on its way there while a transition runs. */
export function createTween<T extends Tweenable | undefined>(target: Accessor<T>, o: TweenOptions): Accessor<T> {
  const [shown, setShown] = createSignal<T>(untrack(target), { equals: sameValue });
  let anim: Animation | undefined;
  let step: (() => boolean) | undefined;
  const stop = () => {
    if (step) running.delete(step);
    step = undefined;
    anim?.cancel();
    anim = undefined;
  };
  onCleanup(stop);
  createComputed(
    on(target, (next) => {
      const spec = untrack(o.active);
      const from = untrack(shown);
      const el = o.el();
      stop();
      if (!spec || o.reducedMotion() || from === undefined || next === undefined || sameValue(from, next) || !el || typeof el.animate !== "function") {
        setShown(() => next);
        return;
      }
      const t = timing(spec, DEFAULT_DURATION.transition, o.index ?? 0, false);
      const a = el.animate([], { duration: t.duration, delay: t.delay, easing: t.easing, fill: "none", id: `sd-transition:${o.name}` });
      anim = a;
      /** Shows the value at the animation's eased progress; false once it has landed. */
      const own = (): boolean => {
        if (anim !== a) return false;
        if (a.playState === "finished" || a.playState === "idle") {
          anim = undefined;
          step = undefined;
          setShown(() => next);
          return false;
        }
        const progress = a.effect?.getComputedTiming().progress;
        setShown(() => interpolate(from as Tweenable, next as Tweenable, typeof progress === "number" ? progress : 0) as T);
        return true;
      };
      step = own;
      void a.finished.then(() => batch(own), () => undefined);
      run(own);
    }, { defer: true }),
  );
  return shown;
}

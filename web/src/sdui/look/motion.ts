/**
 * Motion declarations made concrete, without the DOM: component-type defaults merged with a
 * node's (or scene element's) own `animate` block, the CSS `transition` a component gets, which
 * scene attributes tween, and value interpolation for tweens (numbers, number lists).
 */
import type { Frames, TimingInput } from "./animate";
import { DEFAULT_DURATION, EASING_CSS, timing } from "./animate";

export interface AnimateSpec extends TimingInput {
  enter?: string;
  from?: string;
  exit?: string;
  to?: string;
  transition?: "none" | "all" | string[];
}

/**
 * Defaults per component type (and "canvas-element" for scene elements); a node's own block
 * overrides them key by key, so `{transition: "none"}` turns a default transition off.
 */
export const TYPE_DEFAULTS: Readonly<Record<string, AnimateSpec>> = {
  "progress-bar": { transition: ["size"], duration_ms: 300, easing: "ease_out" },
  toast: { exit: "fade_out" },
  alert: { exit: "collapse" },
  "canvas-element": { duration_ms: 250, easing: "ease_in_out" },
};

const STRING_KEYS = ["enter", "from", "exit", "to", "easing"] as const;
const NUMBER_KEYS = ["duration_ms", "delay_ms", "stagger_ms"] as const;

/** The animate block in force for an element of `type`: defaults, then what it declares (read-only). */
export function effectiveAnimate(type: string, declared: unknown): AnimateSpec | null {
  const base = TYPE_DEFAULTS[type];
  const own = typeof declared === "object" && declared !== null && !Array.isArray(declared) ? (declared as Record<string, unknown>) : null;
  if (!own) return base ?? null;
  const spec: AnimateSpec = { ...base };
  for (const k of STRING_KEYS) if (typeof own[k] === "string") spec[k] = own[k];
  for (const k of NUMBER_KEYS) if (typeof own[k] === "number" && Number.isFinite(own[k])) spec[k] = own[k];
  const t = own.transition;
  if (t === "none" || t === "all") spec.transition = t;
  else if (Array.isArray(t)) spec.transition = t.filter((x): x is string => typeof x === "string");
  return spec;
}

/** The CSS properties each node transition name covers. */
export const CSS_TRANSITION_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  all: ["all"],
  opacity: ["opacity"],
  transform: ["transform"],
  position: ["transform", "translate", "left", "top", "right", "bottom"],
  size: ["width", "height", "max-height", "flex-basis"],
  color: ["color", "border-color", "outline-color", "fill", "stroke"],
  background: ["background-color"],
};

function transitionNames(spec: AnimateSpec | null): string[] {
  const t = spec?.transition;
  if (t === undefined || t === "none") return [];
  return t === "all" ? ["all"] : t;
}

function timingText(spec: AnimateSpec, index: number): string {
  const t = timing(spec, DEFAULT_DURATION.transition, index);
  return `${t.duration}ms ${t.easing} ${t.delay}ms`;
}

/**
 * The CSS `transition` of a component whose spec declares transitions, e.g.
 * "width 300ms cubic-bezier(0, 0, 0.2, 1) 0ms, height …"; null when none (or reduced motion).
 */
export function transitionCss(spec: AnimateSpec | null, index = 0, reducedMotion = false): string | null {
  if (!spec || reducedMotion) return null;
  const props = [...new Set(transitionNames(spec).flatMap((n) => CSS_TRANSITION_PROPERTIES[n] ?? []))];
  if (!props.length) return null;
  const t = timingText(spec, index);
  return props.map((p) => `${p} ${t}`).join(", ");
}

/** Scene attribute groups a transition may name. */
const SCENE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  position: ["x", "y", "cx", "cy", "x1", "y1", "x2", "y2", "translate"],
  size: ["r", "width", "height", "rx", "scale", "font_size"],
  color: ["fill", "stroke"],
};
const TWEENED = ["x", "y", "cx", "cy", "r", "x1", "y1", "x2", "y2", "width", "height", "rx", "translate", "rotate", "scale", "font_size"];
/** Scene attributes that are CSS properties too: they transition through CSS. */
const SCENE_CSS: Readonly<Record<string, string>> = { fill: "fill", stroke: "stroke", opacity: "opacity", stroke_width: "stroke-width" };

/** The scene attributes a spec transitions (every attribute for "all"). */
export function sceneTransitions(spec: AnimateSpec | null): Set<string> {
  const out = new Set<string>();
  for (const n of transitionNames(spec)) {
    if (n === "all") [...TWEENED, ...Object.keys(SCENE_CSS)].forEach((a) => out.add(a));
    else (SCENE_GROUPS[n] ?? [n]).forEach((a) => out.add(a));
  }
  return out;
}

/** Which of a scene element's attributes tween frame by frame (geometry; the rest is CSS). */
export const isTweened = (attribute: string): boolean => TWEENED.includes(attribute);

/** The CSS transition for a scene element's fill, stroke, opacity and stroke width. */
export function sceneTransitionCss(spec: AnimateSpec | null, index = 0, reducedMotion = false): string | null {
  if (!spec || reducedMotion) return null;
  const props = [...sceneTransitions(spec)].map((a) => SCENE_CSS[a]).filter((p): p is string => p !== undefined);
  if (!props.length) return null;
  const t = timingText(spec, index);
  return props.map((p) => `${p} ${t}`).join(", ");
}

/** What a tween moves: scene geometry (colours and opacity transition through CSS instead). */
export type Tweenable = number | number[];

const mix = (a: number, b: number, t: number) => a + (b - a) * t;
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The value `t` of the way from `a` to `b` (t may overshoot 0..1 for bounce and elastic).
 * Numbers and equal-length number lists mix; anything else jumps at the end.
 */
export function interpolate<T extends Tweenable>(a: T, b: T, t: number): T {
  if (typeof a === "number" && typeof b === "number") return round(mix(a, b, t)) as T;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.map((x, i) => round(mix(x, b[i]!, t))) as T;
  return (t >= 1 ? b : a) as T;
}

/** Whether two tweenable values are the same (no tween needed). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** Timing of an exit: like an enter's, but the last frame holds until the element is removed. */
export function exitTiming(spec: AnimateSpec, index = 0): { duration: number; delay: number; easing: string; fill: "forwards" } {
  return {
    duration: spec.duration_ms ?? DEFAULT_DURATION.exit,
    delay: (spec.delay_ms ?? 0) + index * (spec.stagger_ms ?? 0),
    easing: EASING_CSS[spec.easing ?? "ease_in"] ?? "ease-in",
    fill: "forwards",
  };
}

/**
 * Splits keyframes into their transform part and the rest, so an SVG element's own transform
 * (a group's translate, a drag offset) can be kept by compositing the transform part onto it.
 */
export function splitTransform(frames: Frames): { transform: Frames; rest: Frames } {
  const transform: Frames = [];
  const rest: Frames = [];
  for (const f of frames) {
    const t: Record<string, string | number> = {};
    const r: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(f)) {
      if (k === "transform") t[k] = v;
      else if (k === "offset") {
        t[k] = v;
        r[k] = v;
      } else if (k !== "transformOrigin") r[k] = v;
    }
    transform.push(t);
    rest.push(r);
  }
  const has = (fs: Frames, key: string) => fs.some((f) => key in f);
  return { transform: has(transform, "transform") ? transform : [], rest: rest.some((f) => Object.keys(f).some((k) => k !== "offset")) ? rest : [] };
}

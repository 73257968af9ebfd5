/**
 * Animations as Web Animations keyframes: enter, exit and emphasis effects, easings, timing.
 * Pure: the renderer calls `element.animate(frames, timing)`; reduced motion turns every
 * animation into a zero-duration jump.
 */
/** Web Animations keyframes (structurally the DOM's Keyframe, kept DOM-free for unit tests). */
export type Frames = Record<string, string | number>[];

/** Structurally the DOM's KeyframeAnimationOptions. */
export interface Timing {
  duration: number;
  delay: number;
  easing?: string;
  fill: "none" | "backwards";
}

export const EASING_CSS: Record<string, string> = {
  linear: "linear",
  ease_in: "cubic-bezier(0.4, 0, 1, 1)",
  ease_out: "cubic-bezier(0, 0, 0.2, 1)",
  ease_in_out: "cubic-bezier(0.4, 0, 0.2, 1)",
  bounce: "cubic-bezier(0.34, 1.56, 0.64, 1)",
  elastic: "cubic-bezier(0.68, -0.6, 0.32, 1.6)",
  step: "steps(4, end)",
};

const OFFSET: Record<string, string> = { top: "translateY(-16px)", bottom: "translateY(16px)", left: "translateX(-16px)", right: "translateX(16px)" };

/** Default durations per effect kind (ms); a component type may set its own. */
export const DEFAULT_DURATION = { enter: 220, exit: 180, emphasis: 600, transition: 200 } as const;

export function enterFrames(effect: string, from = "bottom"): Frames {
  switch (effect) {
    case "fade_in":
      return [{ opacity: 0 }, { opacity: 1 }];
    case "scale_in":
      return [{ opacity: 0, transform: "scale(0.9)" }, { opacity: 1, transform: "scale(1)" }];
    case "pop":
      return [{ opacity: 0, transform: "scale(0.6)" }, { opacity: 1, transform: "scale(1.08)", offset: 0.7 }, { opacity: 1, transform: "scale(1)" }];
    case "slide_in":
      return [{ opacity: 0, transform: OFFSET[from] ?? OFFSET.bottom! }, { opacity: 1, transform: "none" }];
    case "draw":
      return [{ clipPath: "inset(0 100% 0 0)" }, { clipPath: "inset(0 0 0 0)" }];
    case "grow":
      return [{ transform: "scaleY(0)", transformOrigin: "top" }, { transform: "scaleY(1)", transformOrigin: "top" }];
    default:
      return [];
  }
}

export function exitFrames(effect: string, to = "bottom"): Frames {
  switch (effect) {
    case "fade_out":
      return [{ opacity: 1 }, { opacity: 0 }];
    case "scale_out":
      return [{ opacity: 1, transform: "scale(1)" }, { opacity: 0, transform: "scale(0.9)" }];
    case "slide_out":
      return [{ opacity: 1, transform: "none" }, { opacity: 0, transform: OFFSET[to] ?? OFFSET.bottom! }];
    case "shrink":
      return [{ transform: "scale(1)" }, { transform: "scale(0)" }];
    case "collapse":
      return [{ transform: "scaleY(1)", transformOrigin: "top", opacity: 1 }, { transform: "scaleY(0)", transformOrigin: "top", opacity: 0 }];
    default:
      return [];
  }
}

export function emphasisFrames(effect: string): Frames {
  switch (effect) {
    case "pulse":
      return [{ transform: "scale(1)" }, { transform: "scale(1.06)" }, { transform: "scale(1)" }];
    case "shake":
      return [0, -6, 6, -4, 4, 0].map((x) => ({ transform: `translateX(${x}px)` }));
    case "glow":
      return [{ boxShadow: "0 0 0 0 var(--accent)", filter: "none" }, { boxShadow: "0 0 16px 4px var(--accent)", filter: "drop-shadow(0 0 6px var(--accent))" }, { boxShadow: "0 0 0 0 var(--accent)", filter: "none" }];
    case "flash":
      return [{ opacity: 1 }, { opacity: 0.2 }, { opacity: 1 }, { opacity: 0.2 }, { opacity: 1 }];
    case "bounce":
      return [0, -12, 0, -6, 0].map((y) => ({ transform: `translateY(${y}px)` }));
    case "ring":
      return [{ outline: "0 solid var(--accent)", outlineOffset: "0px" }, { outline: "3px solid var(--accent)", outlineOffset: "6px" }, { outline: "0 solid transparent", outlineOffset: "10px" }];
    default:
      return [];
  }
}

export interface TimingInput {
  duration_ms?: number;
  delay_ms?: number;
  stagger_ms?: number;
  easing?: string;
}

/** Timing for the `index`-th sibling; reduced motion → no duration, no delay. */
export function timing(input: TimingInput, fallbackMs: number, index = 0, reducedMotion = false): Timing {
  if (reducedMotion) return { duration: 0, delay: 0, fill: "none" };
  return {
    duration: input.duration_ms ?? fallbackMs,
    delay: (input.delay_ms ?? 0) + index * (input.stagger_ms ?? 0),
    easing: EASING_CSS[input.easing ?? "ease_out"] ?? "ease-out",
    fill: "backwards",
  };
}

/** Reads an `animate` event's animation: `{effect|emphasis|enter|exit, ...timing}`. */
export function eventFrames(animation: unknown): { frames: Frames; timing: TimingInput; kind: "enter" | "exit" | "emphasis" } | null {
  if (typeof animation === "string") return { frames: emphasisFrames(animation), timing: {}, kind: "emphasis" };
  if (typeof animation !== "object" || animation === null || Array.isArray(animation)) return null;
  const a = animation as Record<string, unknown>;
  const t: TimingInput = {
    duration_ms: typeof a.duration_ms === "number" ? a.duration_ms : undefined,
    delay_ms: typeof a.delay_ms === "number" ? a.delay_ms : undefined,
    stagger_ms: typeof a.stagger_ms === "number" ? a.stagger_ms : undefined,
    easing: typeof a.easing === "string" ? a.easing : undefined,
  };
  const str = (k: string) => (typeof a[k] === "string" ? (a[k] as string) : undefined);
  const emphasis = str("emphasis") ?? str("effect") ?? str("type") ?? str("name");
  if (str("enter")) return { frames: enterFrames(str("enter")!, str("from")), timing: t, kind: "enter" };
  if (str("exit")) return { frames: exitFrames(str("exit")!, str("to")), timing: t, kind: "exit" };
  if (emphasis) return { frames: emphasisFrames(emphasis), timing: t, kind: "emphasis" };
  return null;
}

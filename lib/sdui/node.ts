import { z } from "zod";
import type { ComponentType } from "./components.ts";

export const ENTER_EFFECTS = ["fade_in", "scale_in", "pop", "slide_in", "draw", "grow"] as const;
export const EXIT_EFFECTS = ["fade_out", "scale_out", "slide_out", "shrink", "collapse"] as const;
export const EASINGS = ["linear", "ease_in", "ease_out", "ease_in_out", "bounce", "elastic", "step"] as const;
export const DIRECTIONS = ["top", "bottom", "left", "right"] as const;
export const TRANSITION_PROPERTIES = ["all", "opacity", "transform", "position", "size", "color", "background"] as const;

/** Timing shared by node and scene-element animations. */
export const animateTimingShape = {
  easing: z.enum(EASINGS).optional(),
  delay_ms: z.int().min(0).max(60_000).optional(),
  duration_ms: z.int().min(0).max(60_000).optional(),
  stagger_ms: z.int().min(0).max(10_000).describe("extra delay per sibling (lists, children)").optional(),
};

/** enter/from/exit/to of an animate block, and `from`/`to` only with the slide effects. */
export function animateShape<P extends readonly [string, ...string[]]>(transitionProperties: P) {
  return {
    enter: z.enum(ENTER_EFFECTS).optional(),
    from: z.enum(DIRECTIONS).describe("side slide_in comes from (default bottom)").optional(),
    exit: z.enum(EXIT_EFFECTS).describe("plays before the element is removed (it stays in place, inert, marked data-exiting)").optional(),
    to: z.enum(DIRECTIONS).describe("side slide_out goes to (default bottom)").optional(),
    transition: z.union([z.enum(["none", "all"]), z.array(z.enum(transitionProperties)).min(1)]).describe("interpolate state-driven changes of these properties").optional(),
    ...animateTimingShape,
  };
}

export function checkSlides(a: { from?: string; to?: string; enter?: string; exit?: string }, ctx: z.RefinementCtx): void {
  if (a.from !== undefined && a.enter !== "slide_in") ctx.addIssue({ code: "custom", path: ["from"], message: 'from only applies to enter "slide_in"' });
  if (a.to !== undefined && a.exit !== "slide_out") ctx.addIssue({ code: "custom", path: ["to"], message: 'to only applies to exit "slide_out"' });
}

/**
 * How a node animates: `enter` when it appears (`slide_in` comes `from` a side), `exit` when it
 * leaves (`slide_out` goes `to` a side), `transition` for prop changes while it stays.
 */
export const AnimateSchema = z.strictObject(animateShape(TRANSITION_PROPERTIES)).superRefine(checkSlides);

export type Animate = z.infer<typeof AnimateSchema>;

/**
 * One node of a ui.json tree. `id` is rendered as data-id (unique in the tree when literal);
 * `role` as data-role (a free, kebab-case name for styling and tests).
 */
export interface UiNode {
  type: ComponentType;
  id?: string;
  role?: string;
  props?: Record<string, unknown>;
  children?: UiNode[];
  animate?: Animate;
}

export const NODE_FIELDS = ["type", "id", "role", "props", "children", "animate"] as const;
export const NODE_ID = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
export const NODE_ROLE = /^[a-z][a-z0-9-]{0,63}$/;

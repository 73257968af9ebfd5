import { z } from "zod";
import type { Animate } from "./node.ts";
import { animateShape, checkSlides } from "./node.ts";
import { CSS_COLOR } from "./props-common.ts";

/** The kinds of element a canvas scene graph may hold. */
export const SCENE_KINDS = ["circle", "rect", "line", "path", "polygon", "text-label", "group", "layer"] as const;
export type SceneKind = (typeof SCENE_KINDS)[number];

export const MAX_SCENE_ELEMENTS = 20_000;
export const MAX_SCENE_DEPTH = 32;

/**
 * What a scene element's `animate.transition` may name: its own attributes, or the groups
 * position (x, y, cx, cy, x1..y2, translate), size (r, width, height, rx, scale, font_size) and
 * color (fill, stroke).
 */
export const SCENE_TRANSITION_PROPERTIES = [
  "all", "position", "size", "color",
  "x", "y", "cx", "cy", "r", "x1", "y1", "x2", "y2", "width", "height", "rx",
  "fill", "stroke", "stroke_width", "opacity", "translate", "rotate", "scale", "font_size",
] as const;
export type SceneTransitionProperty = (typeof SCENE_TRANSITION_PROPERTIES)[number];

/** A scene element's animate block: like a node's, with the element's attributes as transition properties. */
export type SceneAnimate = Omit<Animate, "transition"> & { transition?: "none" | "all" | SceneTransitionProperty[] };
export const SceneAnimateSchema: z.ZodType<SceneAnimate> = z.strictObject(animateShape(SCENE_TRANSITION_PROPERTIES)).superRefine(checkSlides);

interface Style {
  /** Stable id, unique in the scene; gestures report it as event.target_id. */
  id: string;
  fill?: string;
  stroke?: string;
  stroke_width?: number;
  opacity?: number;
  dash?: number[];
  class?: string;
  /** Accessible name / hover title. */
  label?: string;
  /** Free JSON carried to gestures as event.target_data. */
  data?: Record<string, unknown>;
  /** enter/exit effects and transitions of attribute changes. */
  animate?: SceneAnimate;
}
export type Point = [number, number];
export type SceneElement =
  | (Style & { kind: "circle"; cx: number; cy: number; r: number })
  | (Style & { kind: "rect"; x: number; y: number; width: number; height: number; rx?: number })
  | (Style & { kind: "line"; x1: number; y1: number; x2: number; y2: number; marker_start?: Marker; marker_end?: Marker })
  | (Style & { kind: "path"; d: string; marker_start?: Marker; marker_end?: Marker })
  | (Style & { kind: "polygon"; points: Point[] })
  | (Style & { kind: "text-label"; x: number; y: number; text: string; font_size?: number; anchor?: "start" | "middle" | "end"; baseline?: "top" | "middle" | "bottom" })
  | (Style & { kind: "group"; children: SceneElement[]; translate?: Point; rotate?: number; scale?: number | Point })
  | (Style & { kind: "layer"; children: SceneElement[]; visible?: boolean; name?: string });
export type Marker = "none" | "arrow" | "dot";
export interface Scene {
  elements: SceneElement[];
}

const ELEMENT_ID = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}$/;
const PATH_DATA = /^[MmLlHhVvCcSsQqTtAaZz0-9eE.,\s+-]*$/;
const coord = z.number().min(-1e7).max(1e7);
const size = z.number().min(0).max(1e7);
const point = z.tuple([coord, coord]);
const marker = z.enum(["none", "arrow", "dot"]);

const style = {
  id: z.string().regex(ELEMENT_ID, "expected an id of letters, digits, _ . : - (max 128)"),
  fill: z.string().regex(CSS_COLOR, "expected a CSS color").optional(),
  stroke: z.string().regex(CSS_COLOR, "expected a CSS color").optional(),
  stroke_width: z.number().min(0).max(1000).optional(),
  opacity: z.number().min(0).max(1).optional(),
  dash: z.array(z.number().min(0).max(1e4)).max(16).optional(),
  class: z.string().regex(/^[A-Za-z0-9_ -]{0,200}$/).optional(),
  label: z.string().max(1000).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  animate: SceneAnimateSchema.optional(),
};

const children = z.lazy(() => z.array(SceneElementSchema).max(MAX_SCENE_ELEMENTS));

/** One scene element; `kind` selects the shape. */
export const SceneElementSchema: z.ZodType<SceneElement> = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("circle"), ...style, cx: coord, cy: coord, r: size }),
  z.strictObject({ kind: z.literal("rect"), ...style, x: coord, y: coord, width: size, height: size, rx: size.optional() }),
  z.strictObject({ kind: z.literal("line"), ...style, x1: coord, y1: coord, x2: coord, y2: coord, marker_start: marker.optional(), marker_end: marker.optional() }),
  z.strictObject({ kind: z.literal("path"), ...style, d: z.string().max(100_000).regex(PATH_DATA, "expected SVG path data (M, L, C, Q, A, Z ... and numbers)"), marker_start: marker.optional(), marker_end: marker.optional() }),
  z.strictObject({ kind: z.literal("polygon"), ...style, points: z.array(point).min(3).max(10_000) }),
  z.strictObject({
    kind: z.literal("text-label"),
    ...style,
    x: coord,
    y: coord,
    text: z.string().max(10_000),
    font_size: z.number().min(1).max(1000).optional(),
    anchor: z.enum(["start", "middle", "end"]).optional(),
    baseline: z.enum(["top", "middle", "bottom"]).optional(),
  }),
  z.strictObject({ kind: z.literal("group"), ...style, children, translate: point.optional(), rotate: z.number().min(-36000).max(36000).optional(), scale: z.union([z.number().min(0).max(1e4), z.tuple([z.number().min(0).max(1e4), z.number().min(0).max(1e4)])]).optional() }),
  z.strictObject({ kind: z.literal("layer"), ...style, children, visible: z.boolean().optional(), name: z.string().max(200).optional() }),
]);

function checkScene(scene: Scene, ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>();
  let count = 0;
  const walk = (list: SceneElement[], path: (string | number)[], depth: number): void => {
    if (depth > MAX_SCENE_DEPTH) {
      ctx.addIssue({ code: "custom", path, message: `scene is nested deeper than ${MAX_SCENE_DEPTH} levels` });
      return;
    }
    list.forEach((el, i) => {
      const at = [...path, i];
      if (++count === MAX_SCENE_ELEMENTS + 1) ctx.addIssue({ code: "custom", path: at, message: `scene has more than ${MAX_SCENE_ELEMENTS} elements` });
      const first = seen.get(el.id);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: [...at, "id"], message: `duplicate element id "${el.id}" (first at ${first})` });
      else seen.set(el.id, at.join("."));
      if (el.kind === "group" || el.kind === "layer") walk(el.children, [...at, "children"], depth + 1);
    });
  };
  walk(scene.elements, ["elements"], 1);
}

/**
 * A canvas scene graph as kept in plugin state: `{elements: [...]}` of circle, rect, line, path,
 * polygon, text-label, group (translate/rotate/scale) and layer (visible, opacity, name).
 * Every element has an `id`, unique across the whole scene.
 */
export const SceneSchema: z.ZodType<Scene> = z.strictObject({ elements: z.array(SceneElementSchema).max(MAX_SCENE_ELEMENTS) }).superRefine(checkScene);

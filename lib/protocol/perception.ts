/**
 * Perception: what a connected browser tells the server about what a person sees, and the events
 * that ask for it. Browser-resident surfaces (`pe.view`, `pe.a11y`, `pe.anomalies`,
 * `pe.components`, `pe.screenshot`) are computed by a browser on request; `pe.console` and
 * `pe.mutations` are fed by browsers continuously.
 *
 * Events travel on the framework room `pe:main` (every browser and `/api/state/stream` follow it):
 * - `perception_query`    server → browsers: compute `surface` (with `query` for screenshots) and
 *                         post the answer to `POST /api/w/:ws/perception/answers` before `deadline`.
 * - `perception_invalidate` server → all: a dispatch changed `rooms`; cached browser surfaces of
 *                         this workspace are stale.
 * - `target_rect`         server → all: an AI is reading this rectangle (the browser's AI "eye").
 * - `perception_active`   server → all: an AI started/stopped perceiving the workspace.
 */
import { z } from "zod";
import { CLIENT_ID } from "./events";

export const BROWSER_SURFACES = ["view", "a11y", "anomalies", "components", "screenshot"] as const;
export type BrowserSurface = (typeof BROWSER_SURFACES)[number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export const RectSchema = z.object({ x: z.number(), y: z.number(), width: z.number().min(0), height: z.number().min(0) });

/** The room perception events travel on. */
export const PERCEPTION_ROOM = "pe:main";

export type PerceptionEvent =
  | { type: "perception_query"; room: typeof PERCEPTION_ROOM; id: string; surface: BrowserSurface; query: string | null; deadline: string }
  | { type: "perception_invalidate"; room: typeof PERCEPTION_ROOM; rooms: string[]; surfaces: BrowserSurface[] }
  | { type: "target_rect"; room: typeof PERCEPTION_ROOM; rect: Rect; plugin: string | null; surface: string; agent: { id: string; name: string } }
  | { type: "perception_active"; room: typeof PERCEPTION_ROOM; active: boolean; agent: { id: string; name: string }; surfaces: string[] };

/** `pe.view`: one rendered element of the layout snapshot. */
export interface ViewNode {
  tag: string;
  id: string | null;
  classes: string[];
  /** Attributes, `data-*` included (`data-plugin`, `data-component`, `data-id`, `data-role`). */
  attrs: Record<string, string>;
  rect: Rect;
  text: string;
  colors: { color: string; background: string };
  font: { family: string; size: string; weight: string };
  z: string;
  overflow: string;
  position: string;
  display: string;
  visible: boolean;
  children: ViewNode[];
}

/** `pe.a11y`: the accessibility tree. */
export interface A11yNode {
  role: string;
  name: string;
  states: string[];
  rect: Rect;
  children: A11yNode[];
}

/** `pe.anomalies`: one layout problem. */
export const AnomalySchema = z.object({
  kind: z.enum(["zero_area", "off_screen", "clipped", "z_conflict", "low_contrast"]),
  /** A CSS path to the element, usable in `pe.view` and `pe.screenshot`. */
  selector: z.string(),
  target_rect: RectSchema,
  detail: z.string(),
});
export type Anomaly = z.infer<typeof AnomalySchema>;

/** `pe.components`: one rendered SDUI component. */
export const ComponentStatusSchema = z.object({
  plugin: z.string(),
  component: z.string(),
  id: z.string().nullable(),
  status: z.enum(["ok", "error"]),
  error: z.string().nullable(),
  frame_count: z.number(),
  summary: z.string(),
});
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;

/** `pe.screenshot`: a PNG of a selector's box or a rectangle (base64 PNGs start with the PNG signature, 89 50 4E 47 0D 0A 1A 0A). */
export const ScreenshotSchema = z.object({
  png_base64: z.string().regex(/^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/, "a base64 PNG"),
  width: z.number().min(0),
  height: z.number().min(0),
  rect: RectSchema,
});
export type Screenshot = z.infer<typeof ScreenshotSchema>;

/** Largest side a screenshot may have, in CSS pixels (bigger boxes are refused, not shrunk). */
export const MAX_SCREENSHOT_SIDE = 4096;

export type ScreenshotTarget = { kind: "selector"; css: string } | { kind: "rect"; rect: Rect };

/**
 * A `pe.screenshot` query: `selector:<css>` or `rect:x,y,w,h` (page pixels). The CSS itself is
 * checked by whoever runs it (the server's css-select, the browser's `querySelectorAll`).
 */
export function parseScreenshotQuery(query: string | null): { ok: true; target: ScreenshotTarget } | { ok: false; code: "bad_query" | "too_large"; message: string } {
  const q = (query ?? "").trim();
  if (q.startsWith("selector:")) {
    const css = q.slice("selector:".length).trim();
    if (!css) return { ok: false, code: "bad_query", message: "selector: needs a CSS selector, e.g. selector:[data-plugin=graphist] [data-component=canvas]" };
    return { ok: true, target: { kind: "selector", css } };
  }
  if (q.startsWith("rect:")) {
    const parts = q.slice("rect:".length).split(",").map((p) => p.trim());
    const nums = parts.map(Number);
    if (parts.length !== 4 || parts.some((p) => p === "") || nums.some((n) => !Number.isFinite(n))) {
      return { ok: false, code: "bad_query", message: "rect: needs four numbers x,y,w,h in page pixels, e.g. rect:0,0,800,600" };
    }
    const [x, y, width, height] = nums as [number, number, number, number];
    if (width <= 0 || height <= 0) return { ok: false, code: "bad_query", message: "rect: width and height must be positive" };
    if (width > MAX_SCREENSHOT_SIDE || height > MAX_SCREENSHOT_SIDE) return { ok: false, code: "too_large", message: `rect: each side must be at most ${MAX_SCREENSHOT_SIDE} px` };
    return { ok: true, target: { kind: "rect", rect: { x, y, width, height } } };
  }
  return { ok: false, code: "bad_query", message: "pe.screenshot queries are selector:<css> or rect:x,y,w,h" };
}

const ClientId = z.string().regex(CLIENT_ID, "a random id per browser tab");

/** `POST /api/w/:ws/perception/answers`: a browser's answer to one `perception_query`. */
export const PerceptionAnswer = z.union([
  z.object({ id: z.string().min(1).max(64), client: ClientId, ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.string().min(1).max(64), client: ClientId, ok: z.literal(false), error: z.object({ code: z.string().max(64), message: z.string().max(2_000) }) }),
]);
export type PerceptionAnswer = z.infer<typeof PerceptionAnswer>;

/** `POST /api/w/:ws/perception/console`: console lines a browser captured since its last post. */
export const ConsoleBatch = z.object({
  client: ClientId,
  entries: z
    .array(z.object({ at: z.iso.datetime(), level: z.enum(["debug", "log", "info", "warn", "error"]), message: z.string().max(4_000), source: z.string().max(500).default("") }))
    .min(1)
    .max(500),
});

/** `POST /api/w/:ws/perception/mutations`: DOM mutations a browser observed since its last post. */
export const MutationBatch = z.object({
  client: ClientId,
  entries: z
    .array(z.object({ at: z.iso.datetime(), target: z.string().max(500), kind: z.enum(["childList", "attributes", "characterData"]), detail: z.string().max(2_000).default("") }))
    .min(1)
    .max(500),
});

/** Largest `POST /api/w/:ws/perception/answers` body (a base64 PNG screenshot fits); larger is 413. */
export const MAX_ANSWER_BYTES = 6 * 1024 * 1024;

/**
 * The reply to an answer: `accepted: false` when another browser answered that query first (the
 * late answer is dropped, nothing changes). Unknown or expired ids are 404.
 */
export interface PerceptionAnswerReply {
  ok: true;
  accepted: boolean;
}

/**
 * Checks that a browser's answer value has the shape of the surface it answers (see
 * `lib/protocol/perception.ts`), so queries never run over something else. Trees are walked
 * without recursion and bounded in size and depth.
 */
import { z } from "zod";
import { AnomalySchema, ComponentStatusSchema, RectSchema, ScreenshotSchema, type BrowserSurface } from "../../lib/protocol/perception";

/** Most nodes a `pe.view` or `pe.a11y` tree may hold. */
export const MAX_TREE_NODES = 100_000;
/** Deepest a tree may nest. */
export const MAX_TREE_DEPTH = 512;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Walks a tree of `{children: [...]}` nodes breadth-first, checking each with `node`. */
function checkTree(root: unknown, what: string, node: (n: Record<string, unknown>) => string | null): string | null {
  let level: unknown[] = [root];
  let count = 0;
  for (let depth = 0; level.length; depth++) {
    if (depth > MAX_TREE_DEPTH) return `${what} nests deeper than ${MAX_TREE_DEPTH} levels`;
    const next: unknown[] = [];
    for (const n of level) {
      if (++count > MAX_TREE_NODES) return `${what} has more than ${MAX_TREE_NODES} nodes`;
      if (!isObject(n)) return `every ${what} node is an object`;
      const problem = node(n);
      if (problem) return problem;
      if (!Array.isArray(n.children)) return `every ${what} node has a children array`;
      next.push(...(n.children as unknown[]));
    }
    level = next;
  }
  return null;
}

function viewNode(n: Record<string, unknown>): string | null {
  if (typeof n.tag !== "string" || !n.tag) return "every pe.view node has a tag";
  if (n.id !== undefined && n.id !== null && typeof n.id !== "string") return "a pe.view node's id is a string or null";
  if (n.classes !== undefined && (!Array.isArray(n.classes) || !n.classes.every((c) => typeof c === "string"))) return "a pe.view node's classes are strings";
  if (n.attrs !== undefined && (!isObject(n.attrs) || !Object.values(n.attrs).every((v) => typeof v === "string"))) return "a pe.view node's attrs map names to strings";
  if (n.rect !== undefined && !RectSchema.safeParse(n.rect).success) return "a pe.view node's rect is {x, y, width, height}";
  return null;
}

function a11yNode(n: Record<string, unknown>): string | null {
  if (typeof n.role !== "string") return "every pe.a11y node has a role";
  if (n.rect !== undefined && !RectSchema.safeParse(n.rect).success) return "a pe.a11y node's rect is {x, y, width, height}";
  return null;
}

/** Why `value` is not a valid answer for `surface`, or null when it is. */
export function answerProblem(surface: BrowserSurface, value: unknown): string | null {
  switch (surface) {
    case "view":
      return checkTree(value, "pe.view", viewNode);
    case "a11y":
      return checkTree(value, "pe.a11y", a11yNode);
    case "anomalies":
      return z.array(AnomalySchema).max(MAX_TREE_NODES).safeParse(value).success ? null : "pe.anomalies is an array of {kind, selector, target_rect, detail}";
    case "components":
      return z.array(ComponentStatusSchema).max(MAX_TREE_NODES).safeParse(value).success ? null : "pe.components is an array of {plugin, component, id, status, error, frame_count, summary}";
    case "screenshot":
      return ScreenshotSchema.safeParse(value).success ? null : "pe.screenshot is {png_base64 (a base64 PNG), width, height, rect}";
  }
}

/** Why a stored ui.json node cannot be rendered (shown in an error box in its place), or null. */
import { isComponentType } from "../../../../lib/sdui/index.ts";
import type { NodeShape } from "./context";

export function isNode(v: unknown): v is NodeShape {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === "string";
}

export function nodeProblem(v: unknown): string | null {
  if (isNode(v) && v.type === "__invalid__") return `ui.json is not valid JSON: ${String((v as { error?: unknown }).error ?? "")}`;
  if (!isNode(v)) return "a ui node must be an object with a type";
  if (!isComponentType(v.type)) return `unknown component type "${v.type.slice(0, 64)}"`;
  if (v.props !== undefined && (typeof v.props !== "object" || v.props === null || Array.isArray(v.props))) return `props of a ${v.type} must be an object`;
  if (v.children !== undefined && !Array.isArray(v.children)) return `children of a ${v.type} must be a list`;
  return null;
}

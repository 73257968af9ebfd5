/** What every rendered SDUI component receives. */
import type { Accessor } from "solid-js";
import type { JsonValue } from "../../../../lib/sdui/index.ts";
import { resolveProps } from "../../../../lib/sdui/index.ts";

export interface NodeShape {
  type: string;
  id?: string;
  role?: string;
  props?: Record<string, unknown>;
  children?: unknown[];
  animate?: Record<string, unknown>;
}

export interface RenderCtx {
  plugin: string;
  room: string;
  /** The room's state (a Solid store: reads are tracked). */
  state: () => unknown;
  bindings: () => unknown;
  dispatch(command: string, params: Record<string, unknown>): Promise<void>;
  reducedMotion: () => boolean;
}

export interface ItemScope {
  item?: unknown;
  index?: number;
}

export type Props = Record<string, JsonValue>;

export interface CompProps {
  node: NodeShape;
  p: Accessor<Props>;
  ctx: RenderCtx;
  scope: ItemScope;
  attrs: Record<string, string | undefined>;
}

/**
 * data-plugin, data-component, data-role, data-id of a node. An id with `${...}` (a node inside
 * a list, "item-${item.id}") is evaluated in the item's scope, reactively.
 */
export function dataAttrs(node: NodeShape, plugin: string, scope: ItemScope = {}, state: () => unknown = () => null): Record<string, string | undefined> {
  const attrs: Record<string, string | undefined> = { "data-plugin": plugin, "data-component": node.type, "data-role": node.role, "data-id": node.id };
  if (typeof node.id === "string" && node.id.includes("${")) {
    const raw = node.id;
    Object.defineProperty(attrs, "data-id", {
      enumerable: true,
      get: () => str(resolveProps({ id: raw }, { state: state(), item: scope.item, index: scope.index }).props.id as JsonValue, raw),
    });
  }
  return attrs;
}

export function cls(...names: (string | false | null | undefined | JsonValue)[]): string {
  return names.filter((n): n is string => typeof n === "string" && n !== "").join(" ");
}

/** Resolves an action's params with the event (and item scope) and dispatches it. */
export function act(c: CompProps, event: Record<string, unknown>, extra?: Props): void {
  const command = c.p().command;
  if (typeof command !== "string" || !command) return;
  const raw = c.node.props?.params ?? {};
  const { props } = resolveProps(raw, { state: c.ctx.state(), item: c.scope.item, index: c.scope.index, event });
  void c.ctx.dispatch(command, { ...props, ...(extra ?? {}) });
}

export const str = (v: JsonValue | undefined, fallback = ""): string => (v === null || v === undefined ? fallback : typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v));
export const num = (v: JsonValue | undefined, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
export const bool = (v: JsonValue | undefined, fallback = false): boolean => (v === undefined || v === null ? fallback : Boolean(v) && v !== 0 && v !== "");

const SPACE: Record<string, string> = { none: "0", xs: "var(--space-xs)", sm: "var(--space-sm)", md: "var(--space-md)", lg: "var(--space-lg)", xl: "var(--space-xl)" };
/** A space prop (px number or token name) as CSS. */
export function space(v: JsonValue | undefined): string | undefined {
  if (typeof v === "number") return `${v}px`;
  if (typeof v === "string") return SPACE[v];
  return undefined;
}

/** Reads `a.b.c` from an item (own properties only). */
export function fieldOf(item: unknown, path: string): JsonValue {
  let at: unknown = item;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, key)) return null;
    at = (at as Record<string, unknown>)[key];
  }
  return (at ?? null) as JsonValue;
}

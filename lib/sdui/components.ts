import type { z } from "zod";
import type { ComponentSpec } from "./component.ts";
import { CANVAS, DATA } from "./components-data.ts";
import { DISPLAY } from "./components-display.ts";
import { FEEDBACK } from "./components-feedback.ts";
import { INPUT } from "./components-input.ts";
import { LAYOUT } from "./components-layout.ts";

/** The 37 component types by category. */
export const COMPONENT_CATEGORIES = {
  layout: ["column", "row", "grid", "stack", "spacer", "divider", "tabs", "accordion", "split-pane"],
  display: ["text", "heading", "badge", "icon", "image", "code-block", "markdown", "progress-bar", "spinner"],
  input: ["button", "text-input", "number-input", "checkbox", "toggle", "select", "slider", "color-picker", "date-picker"],
  data: ["list", "table", "tree-view", "key-value"],
  canvas: ["canvas"],
  feedback: ["alert", "toast", "modal", "tooltip", "popover"],
} as const;

export type ComponentCategory = keyof typeof COMPONENT_CATEGORIES;
export type ComponentType = (typeof COMPONENT_CATEGORIES)[ComponentCategory][number];

/** All 37 component types, in category order (layout, display, input, data, canvas, feedback). */
export const COMPONENT_TYPES: readonly ComponentType[] = Object.values(COMPONENT_CATEGORIES).flat();

const specs = new Map<string, ComponentSpec>([...LAYOUT, ...DISPLAY, ...INPUT, ...DATA, ...CANVAS, ...FEEDBACK].map((s) => [s.type, s]));

function build<T>(pick: (spec: ComponentSpec) => T): Readonly<Record<ComponentType, T>> {
  const out = {} as Record<ComponentType, T>;
  for (const type of COMPONENT_TYPES) {
    const spec = specs.get(type);
    if (!spec) throw new Error(`sdui: no spec for component type ${type}`);
    out[type] = pick(spec);
  }
  return Object.freeze(out);
}

/** Each component's full specification: category, description, props schema, children rule. */
export const COMPONENTS: Readonly<Record<ComponentType, ComponentSpec>> = build((s) => s);

/** Component type → strict zod schema of its props (unknown props are rejected). */
export const propsSchemas: Readonly<Record<ComponentType, z.ZodObject>> = build((s) => s.props);

export function isComponentType(type: unknown): type is ComponentType {
  return typeof type === "string" && specs.has(type) && (COMPONENT_TYPES as readonly string[]).includes(type);
}

/**
 * Props the renderer must not resolve at render time: command `params` (resolved when the
 * action fires, with `event`) and per-item props of list/table/tree-view (resolved per item).
 * Pass them as `resolveProps(props, scope, { skip: deferredProps(type) })`.
 */
export function deferredProps(type: ComponentType): readonly string[] {
  return COMPONENTS[type].deferred;
}

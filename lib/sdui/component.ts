import type { z } from "zod";

export const CATEGORIES = ["layout", "display", "input", "data", "canvas", "feedback"] as const;
export type Category = (typeof CATEGORIES)[number];

/** How many child nodes a component takes and what they mean. */
export interface ChildRule {
  min: number;
  max: number;
  /** What the children are, for the manual (e.g. "one panel per tab"). */
  meaning?: string;
}

export const NO_CHILDREN: ChildRule = { min: 0, max: 0 };
export const ANY_CHILDREN: ChildRule = { min: 0, max: Infinity, meaning: "content, in order" };

export interface ComponentSpec {
  type: string;
  category: Category;
  description: string;
  props: z.ZodObject;
  children: ChildRule;
  /** Props the renderer resolves later (per item, or when the action fires), not at render. */
  deferred: readonly string[];
  /** Checks across props and children, run after the props schema passed. */
  check?: (props: Record<string, unknown>, childCount: number) => { path: string; message: string }[];
}

export function component(
  type: string,
  category: Category,
  description: string,
  props: z.ZodObject,
  options: Partial<Pick<ComponentSpec, "children" | "deferred" | "check">> = {},
): ComponentSpec {
  const deferred = options.deferred ?? ("params" in props.shape ? ["params"] : []);
  return { type, category, description, props, children: options.children ?? NO_CHILDREN, deferred, ...(options.check ? { check: options.check } : {}) };
}

/** For tabs/accordion: a literal list of entries must match the number of children. */
export function entriesMatchChildren(prop: string) {
  return (props: Record<string, unknown>, childCount: number) => {
    const list = props[prop];
    if (!Array.isArray(list) || list.length === childCount) return [];
    return [{ path: prop, message: `${list.length} ${prop} but ${childCount} children: give one child per entry` }];
  };
}

/** Pure helpers of the plugin area: layout choice, instance names, panel sizing. */

export type Layout = "tiles" | "tabs";
export type Theme = "auto" | "light" | "dark";

export const INSTANCE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** A valid instance name from user input, or null. */
export function cleanInstance(input: string): string | null {
  const s = input.trim().replace(/\s+/g, "-");
  return INSTANCE_NAME.test(s) ? s : null;
}

/** Adds an instance to a recent list (most recent first, unique, at most 12). */
export function rememberInstance(list: readonly string[], instance: string): string[] {
  return [instance, ...list.filter((i) => i !== instance)].slice(0, 12);
}

/** Whether a ui tree fills its panel (a canvas or split view needs a fixed height). */
export function fillsPanel(ui: unknown): boolean {
  const type = typeof ui === "object" && ui !== null ? (ui as { type?: unknown }).type : undefined;
  return type === "split-pane" || type === "canvas";
}

export function parseLayout(v: string | null): Layout {
  return v === "tabs" ? "tabs" : "tiles";
}

export function parseTheme(v: string | null): Theme {
  return v === "light" || v === "dark" ? v : "auto";
}

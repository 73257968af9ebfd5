import { z } from "zod";
import { compileTemplate } from "./template.ts";

function templateIssue(s: string): string | null {
  const c = compileTemplate(s);
  return c.ok ? null : `bad expression: ${c.error.message}`;
}

/** A string that must be exactly one `${...}` expression with valid syntax. */
export function expression(expected = "a value") {
  return z.string().superRefine((s, ctx) => {
    if (!s.trimStart().startsWith("${")) {
      ctx.addIssue({ code: "custom", message: `expected a "\${...}" expression giving ${expected}`, continue: false });
      return;
    }
    const c = compileTemplate(s);
    if (!c.ok) ctx.addIssue({ code: "custom", message: `bad expression: ${c.error.message}` });
    else if (c.template.kind !== "expression") ctx.addIssue({ code: "custom", message: `expected ${expected} or a single "\${...}" expression, not text around it` });
  });
}

/** A literal of `schema`'s type, or a `${...}` expression evaluated by the renderer. */
export function ex<T extends z.ZodType>(schema: T, expected = "a value") {
  return z.union([schema, expression(expected)], { error: `expected ${expected} or a "\${...}" expression` });
}

/** Any string; `${...}` parts inside it must parse. */
export function text() {
  return z.string().superRefine((s, ctx) => {
    const issue = templateIssue(s);
    if (issue) ctx.addIssue({ code: "custom", message: issue });
  });
}

/** A string evaluated once per item (list/table/tree-view): must contain an `${...}` expression. */
export function perItem() {
  return z.string().superRefine((s, ctx) => {
    const c = compileTemplate(s);
    if (!c.ok) ctx.addIssue({ code: "custom", message: `bad expression: ${c.error.message}` });
    else if (c.template.kind === "literal") ctx.addIssue({ code: "custom", message: 'expected an expression such as "${item.id}"' });
  });
}

/** Any JSON value whose strings may hold `${...}` templates (command params, option values). */
export const JsonWithExpressions: z.ZodType<unknown> = z.unknown().superRefine((value, ctx) => {
  const walk = (v: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 32) {
      ctx.addIssue({ code: "custom", message: "nested too deeply (max 32 levels)", path });
    } else if (typeof v === "string") {
      const issue = templateIssue(v);
      if (issue) ctx.addIssue({ code: "custom", message: issue, path });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i], depth + 1));
    } else if (typeof v === "object" && v !== null) {
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k], depth + 1);
    } else if (v !== null && typeof v !== "number" && typeof v !== "boolean") {
      ctx.addIssue({ code: "custom", message: `expected JSON data, got ${typeof v}`, path });
    } else if (typeof v === "number" && !Number.isFinite(v)) {
      ctx.addIssue({ code: "custom", message: "expected a finite number", path });
    }
  };
  walk(value, [], 0);
});

export const COMMAND_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
export const commandName = () =>
  ex(z.string().regex(COMMAND_NAME, "expected a command name like add_node or pe.animate"), "a command name").describe(
    "command dispatched on the component's action",
  );

/** `command` + `params` carried by buttons, inputs and selectable data components. */
export const actionShape = {
  command: commandName().optional(),
  params: ex(z.record(z.string(), JsonWithExpressions), "an object")
    .describe("command params; strings may use ${event.*}, ${item.*}, ${state.*}; resolved when the action fires")
    .optional(),
};

export const CSS_COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]+|(rgb|rgba|hsl|hsla)\([0-9.,%\s/+-]+\)|var\(--[A-Za-z0-9_-]+\))$/;
export const color = () => ex(z.string().regex(CSS_COLOR, "expected a CSS color (#hex, name, rgb(), hsl() or var(--token))"), "a color");

export const SPACE_TOKENS = ["none", "xs", "sm", "md", "lg", "xl"] as const;
export const space = () => ex(z.union([z.number().min(0).max(512), z.enum(SPACE_TOKENS)]), "a size");

export const flag = () => ex(z.boolean(), "true or false");
export const number = (min = -1e9, max = 1e9) => ex(z.number().min(min).max(max), "a number");
export const integer = (min: number, max: number) => ex(z.int().min(min).max(max), "an integer");
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  ex(z.enum(values), values.map((v) => `"${v}"`).join(", "));

export const TONES = ["neutral", "info", "success", "warning", "danger", "accent"] as const;
export const ALIGN = ["start", "center", "end", "stretch"] as const;
export const JUSTIFY = ["start", "center", "end", "between", "around", "evenly"] as const;
export const PLACEMENT = ["top", "bottom", "left", "right"] as const;
export const SIZES = ["sm", "md", "lg"] as const;

/** Props every component accepts. */
export const commonShape = {
  visible: flag().describe("render only when truthy").optional(),
  class: text().describe("extra CSS class names from the plugin's styles.css").optional(),
};

/** A strict props object (unknown props are errors) with the common props added. */
export function props<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ ...commonShape, ...shape });
}

import type { ExpressionError } from "./errors.ts";
import type { EvalOptions, Scope } from "./evaluator.ts";
import { DEFAULT_BUDGET } from "./evaluator.ts";
import { compileTemplate, hasExpression } from "./template.ts";
import type { JsonValue } from "./values.ts";
import { asJson, isObject } from "./values.ts";

export interface ResolveOptions extends EvalOptions {
  /** Top-level prop names left unresolved (e.g. `params`, resolved later with the event). */
  skip?: readonly string[];
}

export interface ResolvedProps {
  /** Props with every expression replaced by its value; a failed expression becomes null. */
  props: { [key: string]: JsonValue };
  /** One entry per failed expression, with the path of the prop (`columns.1.value`). */
  errors: { path: string; error: ExpressionError }[];
}

/**
 * Resolves every `${...}` in a props object, deeply (strings inside lists and objects too),
 * for the renderer. Each expression gets the full step budget (default 10,000). Compiled
 * templates are cached by source text (see compileTemplate).
 *
 * @example resolveProps({ label: "Nodes: ${len(state.nodes)}" }, { state }).props.label
 */
export function resolveProps(props: unknown, scope: Scope, options: ResolveOptions = {}): ResolvedProps {
  const errors: ResolvedProps["errors"] = [];
  const skip = new Set(options.skip ?? []);
  const budget = options.budget ?? DEFAULT_BUDGET;
  const walk = (value: unknown, path: string): JsonValue => {
    if (typeof value === "string") {
      if (!hasExpression(value)) return value;
      const c = compileTemplate(value);
      if (!c.ok) {
        errors.push({ path, error: c.error });
        return null;
      }
      const r = c.template.evaluate(scope, { budget });
      if (r.ok) return r.value;
      errors.push({ path, error: r.error });
      return null;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, join(path, String(i))));
    if (isObject(value)) {
      const out: { [key: string]: JsonValue } = {};
      for (const k of Object.keys(value)) setOwn(out, k, walk(value[k], join(path, k)));
      return out;
    }
    return asJson(value);
  };
  const out: { [key: string]: JsonValue } = {};
  if (isObject(props)) {
    for (const k of Object.keys(props)) {
      setOwn(out, k, skip.has(k) ? asJson(props[k]) : walk(props[k], k));
    }
  }
  return { props: out, errors };
}

/** Defines an own property, so a `__proto__` key stays data instead of replacing the prototype. */
function setOwn(target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

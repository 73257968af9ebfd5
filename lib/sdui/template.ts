import type { Expression } from "./ast.ts";
import { budgetError, ExpressionError, syntaxError, tooLongError } from "./errors.ts";
import type { EvalOptions, EvalResult, Scope } from "./evaluator.ts";
import { DEFAULT_BUDGET, evaluate } from "./evaluator.ts";
import { parseExpression } from "./parser.ts";
import { toText } from "./values.ts";

/** Longest prop string accepted as a template, in characters. */
export const MAX_TEMPLATE_LENGTH = 100_000;

export type TemplatePart = { kind: "text"; text: string } | { kind: "expression"; expression: Expression };

/**
 * A compiled prop string. `kind` is "literal" (no `${}`), "expression" (exactly one
 * `${...}` and nothing else: evaluates to the raw value of any type) or "template"
 * (text mixed with expressions: evaluates to a string).
 */
export interface Template {
  source: string;
  kind: "literal" | "expression" | "template";
  parts: TemplatePart[];
  evaluate(scope: Scope, options?: EvalOptions): EvalResult;
}

export type CompileResult = { ok: true; template: Template } | { ok: false; error: ExpressionError };

/** True when a string contains `${` (after `$${` escapes), i.e. needs compiling. */
export function hasExpression(source: string): boolean {
  return source.replaceAll("$${", "").includes("${");
}

/** True when the whole string is one `${...}` expression (so it yields a raw value). */
export function isPureExpression(source: string): boolean {
  const r = compileTemplate(source);
  return r.ok && r.template.kind === "expression";
}

/**
 * Compiles a prop string: literal text with `${expression}` holes; `$${` writes a literal `${`.
 * Errors carry the line and column inside the whole string.
 *
 * @example compileTemplate("Nodes: ${len(state.nodes)}") // template.evaluate({state}) → "Nodes: 3"
 */
export function compileTemplate(source: string): CompileResult {
  const hit = cache.get(source);
  if (hit) return hit;
  const result = compileUncached(source);
  if (source.length <= CACHE_MAX_SOURCE) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, result);
  }
  return result;
}

/** Compiled strings are immutable, so validation, describe and the renderer share one bounded cache. */
const CACHE_LIMIT = 4_096;
const CACHE_MAX_SOURCE = 4_096;
const cache = new Map<string, CompileResult>();

function compileUncached(source: string): CompileResult {
  try {
    const parts = scan(source);
    const only = parts.length === 1 ? parts[0] : undefined;
    const kind = only?.kind === "expression" ? "expression" : parts.some((p) => p.kind === "expression") ? "template" : "literal";
    return { ok: true, template: { source, kind, parts, evaluate: (scope, options) => run(kind, parts, scope, options) } };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error };
    throw error;
  }
}

function run(kind: Template["kind"], parts: TemplatePart[], scope: Scope, options: EvalOptions = {}): EvalResult {
  const meter = options.meter ?? { used: 0 };
  const budget = options.budget ?? DEFAULT_BUDGET;
  const first = parts[0];
  if (kind === "expression" && first?.kind === "expression") return evaluate(first.expression, scope, { budget, meter });
  let out = "";
  for (const part of parts) {
    if (part.kind === "text") {
      out += part.text;
      continue;
    }
    const r = evaluate(part.expression, scope, { budget, meter });
    if (!r.ok) return r;
    out += toText(r.value, (n) => {
      meter.used += n;
    });
    if (meter.used > budget) return { ok: false, error: budgetError(part.expression.source, part.expression.ast.loc, budget) };
  }
  return { ok: true, value: out };
}

function scan(source: string): TemplatePart[] {
  if (source.length > MAX_TEMPLATE_LENGTH) throw tooLongError(source, 0, source.length, MAX_TEMPLATE_LENGTH);
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < source.length) {
    if (source.startsWith("$${", i)) {
      text += "${";
      i += 3;
    } else if (source.startsWith("${", i)) {
      const start = i + 2;
      const end = closingBrace(source, start);
      if (end < 0) throw syntaxError(source, i, 'unterminated "${": missing "}"', 2);
      const parsed = parseExpression(source, start, end);
      if (!parsed.ok) throw parsed.error;
      if (text) parts.push({ kind: "text", text });
      text = "";
      parts.push({ kind: "expression", expression: parsed.expression });
      i = end + 1;
    } else {
      text += source.charAt(i);
      i++;
    }
  }
  if (text || parts.length === 0) parts.push({ kind: "text", text });
  return parts;
}

/** Offset of the `}` closing an expression that starts at `start`, skipping string literals; -1 if none. */
function closingBrace(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === "}") return i;
    if (c === '"' || c === "'") {
      i++;
      while (i < source.length && source.charAt(i) !== c) i += source.charAt(i) === "\\" ? 2 : 1;
    }
    i++;
  }
  return -1;
}

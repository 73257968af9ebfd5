/** A position in expression source: 0-based offset, 1-based line and column. */
export interface Span {
  offset: number;
  length: number;
  line: number;
  col: number;
}

export type ExpressionErrorCode =
  | "syntax"
  | "unknown_name"
  | "unknown_function"
  | "arity"
  | "too_long"
  | "too_deep"
  | "type"
  | "budget";

/** Error raised by the expression lexer, parser or evaluator; carries a source span. */
export class ExpressionError extends Error {
  override name = "ExpressionError";
  readonly code: ExpressionErrorCode;
  readonly span: Span;
  /** The message without the position suffix. */
  readonly detail: string;

  constructor(code: ExpressionErrorCode, detail: string, span: Span, options?: { cause?: unknown }) {
    super(`${detail} at ${span.line}:${span.col}`, options);
    this.code = code;
    this.span = span;
    this.detail = detail;
  }
}

/** Computes line and column (1-based) for an offset in `source`. */
export function spanAt(source: string, offset: number, length = 1): Span {
  let line = 1;
  let col = 1;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return { offset, length, line, col };
}

export const syntaxError = (source: string, offset: number, detail: string, length = 1) =>
  new ExpressionError("syntax", detail, spanAt(source, offset, length));

export const unknownNameError = (source: string, offset: number, name: string, allowed: readonly string[]) =>
  new ExpressionError(
    "unknown_name",
    `unknown name "${name}"; an expression starts with ${allowed.join(", ")}, a literal or a function call`,
    spanAt(source, offset, name.length),
  );

export const unknownFunctionError = (source: string, offset: number, name: string) =>
  new ExpressionError("unknown_function", `unknown function "${name}()"`, spanAt(source, offset, name.length));

export const arityError = (source: string, offset: number, name: string, expected: string, got: number) =>
  new ExpressionError(
    "arity",
    `${name}() takes ${expected} argument${expected === "1" ? "" : "s"}, got ${got}`,
    spanAt(source, offset, name.length),
  );

export const tooLongError = (source: string, offset: number, length: number, max: number) =>
  new ExpressionError("too_long", `expression is too long (${length} characters, max ${max})`, spanAt(source, offset, 0));

export const tooDeepError = (source: string, offset: number, max: number) =>
  new ExpressionError("too_deep", `expression is nested too deeply (max depth ${max})`, spanAt(source, offset));

export const typeError = (source: string, at: { offset: number; length: number }, detail: string) =>
  new ExpressionError("type", detail, spanAt(source, at.offset, at.length));

export const budgetError = (source: string, at: { offset: number; length: number }, budget: number) =>
  new ExpressionError("budget", `evaluation exceeded its budget of ${budget} steps`, spanAt(source, at.offset, at.length));

/** Source position of a token or node: 1-based line and column. */
export interface Pos {
  line: number;
  col: number;
}

/** A span from `start` (inclusive) to `end` (exclusive) as string offsets, plus the start position. */
export interface Span {
  start: number;
  end: number;
  pos: Pos;
}

/** Error codes reported by the jq engine. */
export type JqErrorCode = "parse" | "compile" | "runtime" | "budget_exceeded";

/** Budget names for `budget_exceeded` errors. */
export type BudgetName = "steps" | "deadline" | "depth" | "outputBytes";

/**
 * Every failure of the jq engine: parse and compile errors carry the source position; runtime errors
 * carry `value` (the jq error value, as `catch` sees it) and the position of the failing expression
 * where known; budget errors name the budget.
 */
export class JqError extends Error {
  override name = "JqError";
  readonly code: JqErrorCode;
  /** Where the error arose; runtime errors get the innermost failing expression's position. */
  pos?: Pos;
  readonly budget?: BudgetName;
  /** The jq value carried by `error(v)`; for built-in failures, the message string. */
  readonly value: unknown;

  constructor(code: JqErrorCode, message: string, opts: { pos?: Pos; budget?: BudgetName; value?: unknown; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    if (opts.pos) this.pos = opts.pos;
    if (opts.budget) this.budget = opts.budget;
    this.value = opts.value === undefined ? message : opts.value;
  }
}

export function posAt(src: string, offset: number): Pos {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { line, col };
}

export function parseError(message: string, pos: Pos): JqError {
  return new JqError("parse", `${message} at line ${pos.line}, column ${pos.col}`, { pos, value: message });
}

export function compileError(message: string, pos: Pos): JqError {
  return new JqError("compile", `${message} at line ${pos.line}, column ${pos.col}`, { pos, value: message });
}

/** A runtime error whose jq value is `value` (a message string for built-in failures). */
export function runtimeError(value: unknown, message?: string, pos?: Pos): JqError {
  const msg = message ?? (typeof value === "string" ? value : "error");
  return new JqError("runtime", msg, pos ? { pos, value } : { value });
}

export function budgetError(budget: BudgetName, detail: string): JqError {
  return new JqError("budget_exceeded", `${budget} budget exceeded: ${detail}`, { budget });
}

/** Thrown by `halt` (no value) and `halt_error` (with a value); not catchable by `try`, it ends the run. */
export class HaltSignal {
  constructor(readonly value: unknown, readonly exitCode?: unknown) {}
}

/** Wraps anything that escaped the evaluator (a host stack overflow, a stray break, a bug) as a JqError. */
export function internalError(e: unknown): JqError {
  if (e instanceof JqError) return e;
  if (e instanceof RangeError) return budgetError("depth", "nesting too deep for the host stack");
  if (e instanceof HaltSignal) {
    const msg = typeof e.value === "string" ? e.value : JSON.stringify(e.value);
    return new JqError("runtime", `halt_error: ${msg}`, { value: e.value });
  }
  if (e !== null && typeof e === "object" && "id" in e) return new JqError("runtime", "break without a matching label");
  return new JqError("runtime", `internal error: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

export function isJqError(e: unknown): e is JqError {
  return e instanceof JqError;
}

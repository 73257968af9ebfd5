/** Position of a source span start. */
export interface Pos {
  file: string;
  line: number;
  col: number;
}

/** One Starlark call frame, innermost first in {@link StarlarkError.stack}. */
export interface StackFrame {
  name: string;
  pos: Pos;
}

/** Error category reported by the interpreter. */
export type ErrorCode = "syntax" | "resolve" | "runtime" | "budget_exceeded" | "unconvertible" | "load";

/** Budget names for `budget_exceeded` errors. */
export type BudgetName = "steps" | "alloc" | "depth" | "deadline";

/**
 * Every failure from the interpreter: syntax and resolve errors, runtime
 * errors, exhausted budgets and JSON conversion failures.
 */
export class StarlarkError extends Error {
  override name = "StarlarkError";
  code: ErrorCode;
  pos: Pos | null;
  stack_: StackFrame[] = [];
  budget?: BudgetName;
  /** set when a builtin's name prefix should not be added */
  bare = false;
  /** position at the current unwinding level (internal) */
  cur: Pos | null = null;
  /** frames left out of the recorded call stack (deep recursion) */
  elided = 0;
  /** the message has been converted from UTF-8 bytes to a JS string */
  decoded = false;

  constructor(code: ErrorCode, message: string, pos: Pos | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.pos = pos;
  }

  /** Starlark call stack, innermost frame first. */
  get callStack(): StackFrame[] {
    return this.stack_;
  }

  /** `file:line:col: message` followed by the call stack. */
  format(): string {
    const at = this.pos ? `${this.pos.file}:${this.pos.line}:${this.pos.col}: ` : "";
    const line = (f: StackFrame): string => `\n  at ${f.name} (${f.pos.file}:${f.pos.line}:${f.pos.col})`;
    const s = this.stack_;
    const frames =
      this.elided > 0
        ? s.slice(0, s.length / 2).map(line).join("") + `\n  ... ${this.elided} more frames` + s.slice(s.length / 2).map(line).join("")
        : s.map(line).join("");
    return `${at}${this.message}${frames}`;
  }
}

export function syntaxError(msg: string, pos: Pos): StarlarkError {
  return new StarlarkError("syntax", msg, pos);
}

export function resolveError(msg: string, pos: Pos): StarlarkError {
  return new StarlarkError("resolve", msg, pos);
}

/** A runtime error; the position is attached by the evaluator as it unwinds. */
export function runtimeError(msg: string): StarlarkError {
  return new StarlarkError("runtime", msg);
}

/** A runtime error whose message is never prefixed with a builtin's name. */
export function bareError(msg: string): StarlarkError {
  const e = new StarlarkError("runtime", msg);
  e.bare = true;
  return e;
}

export function budgetError(budget: BudgetName, msg: string): StarlarkError {
  const e = new StarlarkError("budget_exceeded", msg);
  e.budget = budget;
  e.bare = true;
  return e;
}

export function unconvertibleError(msg: string): StarlarkError {
  return new StarlarkError("unconvertible", msg);
}

export function loadError(msg: string): StarlarkError {
  return new StarlarkError("load", msg);
}

/** Converts anything thrown inside the interpreter into a StarlarkError. */
export function toStarlarkError(e: unknown): StarlarkError {
  if (e instanceof StarlarkError) return e;
  if (e instanceof RangeError) {
    const err = budgetError("depth", "Starlark stack overflow (host stack exhausted)");
    return err;
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new StarlarkError("runtime", `internal error: ${msg}`, null, { cause: e });
}

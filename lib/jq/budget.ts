import { budgetError } from "./errors";

/** Limits for one run. Every field is optional; defaults are generous but finite. */
export interface Budgets {
  /** Evaluation steps (node visits, loop iterations, allocations by size). Default 10 000 000. */
  steps?: number;
  /** Total bytes of JSON output before the run is truncated. Default 16 MiB. */
  outputBytes?: number;
  /** Wall-clock budget in milliseconds, measured with `now`. */
  deadlineMs?: number;
  /** Host clock in milliseconds (e.g. `Date.now`); required for `deadlineMs` to apply. */
  now?: () => number;
  /** Maximum depth of nested jq function calls. Default 512. */
  maxDepth?: number;
}

export const DEFAULT_STEPS = 10_000_000;
export const DEFAULT_OUTPUT_BYTES = 16 * 1024 * 1024;
const CLOCK_EVERY = 1024;

/** Counts steps and call depth; throws `budget_exceeded` JqErrors. */
export class Meter {
  steps = 0;
  depth = 0;
  stepLimit: number;
  readonly maxDepth: number;
  readonly deadline: number;
  readonly now: (() => number) | undefined;
  #untilClock = CLOCK_EVERY;

  constructor(b: Budgets = {}) {
    this.stepLimit = b.steps ?? DEFAULT_STEPS;
    this.maxDepth = b.maxDepth ?? 512;
    this.now = b.now;
    this.deadline = b.deadlineMs !== undefined && b.now ? b.now() + b.deadlineMs : Infinity;
  }

  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.stepLimit) throw budgetError("steps", `more than ${this.stepLimit} steps`);
    this.#untilClock -= n;
    if (this.#untilClock <= 0) {
      this.#untilClock = CLOCK_EVERY;
      if (this.now && this.now() > this.deadline) throw budgetError("deadline", "deadline passed");
    }
  }

  enter(): void {
    if (++this.depth > this.maxDepth) {
      this.depth--;
      throw budgetError("depth", `call depth over ${this.maxDepth}`);
    }
  }

  leave(): void {
    this.depth--;
  }
}

import { budgetError } from "./errors.ts";
import type { StackFrame } from "./errors.ts";

/** Limits for one run or call; every field is optional. */
export interface Budgets {
  /** maximum statements + loop iterations + calls (default 10 000 000) */
  steps?: number;
  /** maximum approximate bytes allocated (default 64 MiB) */
  allocBytes?: number;
  /** maximum Starlark call depth (default 200) */
  depth?: number;
  /** absolute deadline, in the units of `now()` */
  deadline?: number;
  /** clock supplied by the host; the interpreter never reads clocks itself */
  now?: () => number;
}

const CHECK_EVERY = 1024;

/** Execution state of one run/call: budgets, counters and host hooks. */
export class Thread {
  steps = 0;
  /** next step count at which slowStep() runs */
  checkpoint: number;
  readonly maxSteps: number;
  alloc = 0;
  readonly maxAlloc: number;
  depth = 0;
  readonly maxDepth: number;
  readonly deadline: number | undefined;
  readonly now: (() => number) | undefined;
  /** Starlark call stack (for recursion checks and error traces) */
  readonly frames: StackFrame[] = [];
  print: (msg: string) => void = () => {};
  /** host module loader for load statements */
  loader: ((module: string) => Map<string, import("./values/value.ts").Value>) | undefined = undefined;
  recursion = false;
  /** functions currently executing (for the no-recursion dialect rule) */
  readonly active = new Set<unknown>();

  constructor(b: Budgets = {}) {
    this.maxSteps = b.steps ?? 10_000_000;
    this.maxAlloc = b.allocBytes ?? 64 * 1024 * 1024;
    this.maxDepth = b.depth ?? 200;
    this.deadline = b.deadline;
    this.now = b.now;
    this.checkpoint = Math.min(this.maxSteps, CHECK_EVERY);
  }

  /** Called when steps reach the checkpoint: enforces the step budget and the deadline. */
  slowStep(): void {
    if (this.steps > this.maxSteps) {
      this.steps = this.maxSteps + 1;
      throw budgetError("steps", `step budget exceeded (${this.maxSteps} steps)`);
    }
    if (this.deadline !== undefined && this.now !== undefined && this.now() > this.deadline) {
      throw budgetError("deadline", "deadline exceeded");
    }
    this.checkpoint = Math.min(this.maxSteps, this.steps + CHECK_EVERY);
  }

  /** Adds n steps at once (bulk work inside builtins). */
  addSteps(n: number): void {
    this.steps += n;
    if (this.steps >= this.checkpoint) this.slowStep();
  }

  /** Charges approximately n bytes of allocation. */
  charge(n: number): void {
    this.alloc += n;
    if (this.alloc > this.maxAlloc) {
      throw budgetError("alloc", `allocation budget exceeded (${this.maxAlloc} bytes)`);
    }
  }
}

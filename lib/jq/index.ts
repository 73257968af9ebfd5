import type { Node } from "./ast";
import { Meter, DEFAULT_OUTPUT_BYTES } from "./budget";
import type { Budgets } from "./budget";
import { getLibrary } from "./builtins/index";
import { check } from "./checker";
import { HaltSignal, internalError } from "./errors";
import type { JqError } from "./errors";
import { Interp } from "./interp";
import { parse } from "./parser";
import { jsonSize, normalizeOutput } from "./output";
import type { JsonValue } from "./values";

export type { Budgets } from "./budget";
export type { BudgetName, JqErrorCode, Pos } from "./errors";
export { JqError } from "./errors";
export type { JsonValue } from "./values";

/** A compiled jq program, reusable across runs. */
export interface Query {
  readonly program: string;
  /** @internal */
  readonly ast: Node;
}

export type CompileResult = { ok: true; query: Query } | { ok: false; errors: JqError[] };

/** Reported when the output budget cut the run short. */
export interface Truncation {
  emitted: number;
  /** Total number of outputs, when it could be counted within the remaining step budget. */
  estimated_total?: number;
}

/** The return value of the `run` generator once it finishes. */
export interface RunSummary {
  steps: number;
  truncated?: Truncation;
}

export type RunAllResult =
  | { ok: true; outputs: JsonValue[]; truncated?: Truncation; steps: number }
  | { ok: false; error: JqError; outputs: JsonValue[] };

/**
 * Parses and checks a jq program.
 *
 * @example
 * const c = compile(".nodes[] | select(.x > 500) | .id");
 * if (!c.ok) console.log(c.errors[0].message, c.errors[0].pos);
 */
export function compile(program: string): CompileResult {
  try {
    const ast = parse(program);
    const errors = check(ast, getLibrary());
    if (errors.length) return { ok: false, errors };
    return { ok: true, query: { program, ast } };
  } catch (e) {
    return { ok: false, errors: [internalError(e)] };
  }
}

/**
 * Runs a compiled query lazily: yields each output as JSON data and returns a {@link RunSummary}.
 * Throws a {@link JqError} on a runtime error or when the step, depth or deadline budget runs out;
 * when the output budget runs out it stops yielding and reports `truncated` in the summary.
 *
 * @example
 * const it = run(query, state, { steps: 1e6, outputBytes: 65536, deadlineMs: 50, now: () => Date.now() });
 * for (let r = it.next(); !r.done; r = it.next()) send(r.value);
 */
export function* run(query: Query, input: JsonValue, budgets: Budgets = {}): Generator<JsonValue, RunSummary, undefined> {
  const meter = new Meter(budgets);
  const interp = new Interp(meter, getLibrary());
  const limit = budgets.outputBytes ?? DEFAULT_OUTPUT_BYTES;
  let bytes = 0;
  let emitted = 0;
  const it = interp.eval(query.ast, input, null);
  for (;;) {
    let r: IteratorResult<JsonValue, void>;
    try {
      r = it.next();
    } catch (e) {
      // `halt` ends the stream quietly; `halt_error` becomes a runtime JqError
      if (e instanceof HaltSignal && e.exitCode === undefined) return { steps: meter.steps };
      throw internalError(e);
    }
    if (r.done) return { steps: meter.steps };
    const size = jsonSize(r.value, limit - bytes + 1);
    if (bytes + size > limit) {
      const truncated: Truncation = { emitted };
      let total = emitted + 1;
      meter.stepLimit = Math.min(meter.stepLimit, meter.steps + 100_000);
      try {
        while (!it.next().done) total++;
        truncated.estimated_total = total;
      } catch {
        // counting ran out of budget: no estimate
      }
      return { steps: meter.steps, truncated };
    }
    bytes += size;
    emitted++;
    yield normalizeOutput(r.value);
  }
}

/** Runs a query to completion, collecting outputs; never throws. */
export function runAll(query: Query, input: JsonValue, budgets: Budgets = {}): RunAllResult {
  const outputs: JsonValue[] = [];
  const it = run(query, input, budgets);
  try {
    for (;;) {
      const r = it.next();
      if (r.done) return r.value.truncated ? { ok: true, outputs, truncated: r.value.truncated, steps: r.value.steps } : { ok: true, outputs, steps: r.value.steps };
      outputs.push(r.value);
    }
  } catch (e) {
    return { ok: false, error: internalError(e), outputs };
  }
}

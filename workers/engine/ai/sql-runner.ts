/**
 * Read-only SQL over one surface's table. The surface resolves to `{table, columns, rows}`; the
 * rows are loaded into a throwaway in-memory SQLite (lib/sql-sandbox) where the caller's one
 * SELECT runs under a step budget, so it can reach nothing but its surface. Outputs are the row
 * objects, so the byte budgets cut whole rows.
 */
import wasm from "wa-sqlite/dist/wa-sqlite.wasm";
import type { JsonValue } from "../../../lib/protocol/events";
import { DEFAULT_STEPS, runSandboxed, type SandboxColumn, type SandboxTable } from "../../../lib/sql-sandbox/sandbox";
import { resolveOnce, type LangRunner, type Surface } from "./surface";

/** What a SQL surface's resolver returns as its value. */
export interface SqlTableValue {
  table: string;
  columns: SandboxColumn[];
  rows: Record<string, JsonValue>[];
}

/** The table behind a SQL surface's resolved value. */
export function sqlTable(value: JsonValue): SandboxTable {
  const v = value as unknown as SqlTableValue;
  return { name: v.table, columns: v.columns, rows: v.rows };
}

/** SQL steps one `/ai/query` request may spend over all its entries (one query may take `DEFAULT_STEPS`). */
export const REQUEST_STEPS = 8_000_000;
/** Steps spent per request, keyed by the request's shared map of resolved surfaces. */
const spent = new WeakMap<object, { steps: number }>();

export const runSql: LangRunner = async (s, input) => {
  const resolved = await resolveOnce(s, input);
  if (!resolved.ok) return resolved;
  let budget = spent.get(input.resolved);
  if (!budget) spent.set(input.resolved, (budget = { steps: 0 }));
  const left = REQUEST_STEPS - budget.steps;
  if (left <= 0) return { ok: false, code: "budget_exceeded", message: `this request's SQL budget (${REQUEST_STEPS} steps) is spent; send the remaining queries in another request`, version_hash: resolved.version_hash };
  const meter = budget;
  let ran;
  try {
    ran = await runSandboxed(wasm, sqlTable(resolved.value), input.query, { outputBytes: input.outputBytes, steps: Math.min(DEFAULT_STEPS, left), onSteps: (n) => (meter.steps += n) });
  } catch (e) {
    // Not the query's fault (the sandbox refuses bad input in-band); the engine starts afresh next time.
    console.error(JSON.stringify({ level: "error", message: `sql surface ${s.decl.plugin}.${s.decl.name}: ${String(e)}` }));
    return { ok: false, code: "engine_error", message: "the SQL engine failed on this query; retry, or simplify it", version_hash: resolved.version_hash };
  }
  if (!ran.ok) return { ok: false, code: ran.code, message: ran.message, version_hash: resolved.version_hash };
  return { ok: true, outputs: ran.rows, version_hash: resolved.version_hash, truncated: ran.truncated };
};

/** Narrower queries to suggest when a SQL result is over its hard budget. */
export function sqlNarrowings(s: Surface, query: string): string[] {
  const inner = query.trim().replace(/;\s*$/, "");
  return [`SELECT count(*) AS n FROM (${inner})`, `SELECT * FROM (${inner}) LIMIT 20`, ...s.decl.recipes.map((r) => r.query)].slice(0, 6);
}

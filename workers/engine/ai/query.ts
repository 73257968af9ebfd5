/**
 * `/ai/query`: each entry runs its query over one surface within byte budgets in four tiers —
 * under the soft budget complete; over it truncated (`complete: false`); over the hard budget an
 * in-band `payload_too_large` with narrowings; past the global limit the caller answers 413.
 */
import { compile, runAll } from "../../../lib/jq";
import type { QueryEnvelope, QueryEntry, QueryMeta } from "../../../lib/protocol/ai";
import type { JsonValue } from "../../../lib/protocol/events";
import type { WorkspaceAccess } from "../../context";
import type { Env } from "../../env";
import type { Resolved, Surface } from "./surface";
import { findSurface } from "./surfaces";

/** Steps one jq query may take, whatever its byte budget. */
export const QUERY_STEPS = 2_000_000;
const size = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;

const meta = (over: Partial<QueryMeta> = {}): QueryMeta => ({
  complete: true, truncated_at: null, total_estimate: null, last_updated: null, version_hash: null, target_rect: null, bytes: 0, ...over,
});
const failure = (code: string, message: string, extra: Record<string, unknown> = {}): QueryEnvelope => ({ result: null, error: { code, message, ...extra }, meta: meta({ complete: false }) });

/** Keeps leading outputs (or leading items of one array output) that fit in `budget` bytes. */
function truncate(outputs: JsonValue[], budget: number): { result: JsonValue[] | JsonValue; kept: number; total: number } {
  const single = outputs.length === 1 && Array.isArray(outputs[0]) ? (outputs[0] as JsonValue[]) : null;
  const items = single ?? outputs;
  const kept: JsonValue[] = [];
  let used = 2;
  for (const item of items) {
    const n = size(item) + 1;
    if (used + n > budget) break;
    kept.push(item);
    used += n;
  }
  return { result: single ? [kept] : kept, kept: kept.length, total: items.length };
}

function narrowings(surface: Surface, query: string): string[] {
  return [`${query} | length`, `${query} | .[:20]`, `${query} | keys? // type`, ...surface.decl.recipes.map((r) => r.query)].slice(0, 6);
}

export interface QueryOptions {
  /** NDJSON streaming: byte budgets do not apply (step budgets do). */
  unbudgeted?: boolean;
  /** Surface values already resolved in this request, so entries over one surface share one read. */
  resolved?: Map<string, Promise<Resolved>>;
}

/** Runs one entry; never throws for bad input. */
export async function runEntry(env: Env, access: WorkspaceAccess, surfaces: Surface[], entry: QueryEntry, opts: QueryOptions = {}): Promise<QueryEnvelope> {
  const s = findSurface(surfaces, entry.plugin, entry.surface);
  if (!s) return failure("unknown_surface", `${entry.plugin}.${entry.surface} is not a surface here; GET /ai/manual lists them`);
  if (s.decl.lang !== "jq") {
    const resolved = await s.resolve({ env, access, instance: entry.instance ?? "main" });
    return resolved.ok ? failure("unsupported_surface", `${s.decl.lang} queries are not available in this build`) : failure(resolved.code, resolved.message);
  }
  const compiled = compile(entry.query);
  if (!compiled.ok) {
    const e = compiled.errors[0]!;
    return failure("invalid_query", e.message, { pos: e.pos ?? null });
  }
  const cacheKey = `${entry.plugin}.${entry.surface}@${entry.instance ?? "main"}`;
  let pending = opts.resolved?.get(cacheKey);
  if (!pending) {
    pending = s.resolve({ env, access, instance: entry.instance ?? "main" });
    opts.resolved?.set(cacheKey, pending);
  }
  const resolved = await pending;
  if (!resolved.ok) return failure(resolved.code, resolved.message);
  const hard = opts.unbudgeted ? Number.MAX_SAFE_INTEGER : s.decl.hard_budget_bytes;
  const ran = runAll(compiled.query, resolved.value, { steps: QUERY_STEPS, outputBytes: opts.unbudgeted ? undefined : hard + 1 });
  const base = { last_updated: new Date().toISOString(), version_hash: resolved.version_hash };
  if (!ran.ok) return { ...failure(ran.error.code === "budget_exceeded" ? "budget_exceeded" : "query_error", ran.error.message, { pos: ran.error.pos ?? null }), meta: meta({ ...base, complete: false }) };
  const bytes = size(ran.outputs);
  if (ran.truncated || bytes > hard) {
    return {
      result: null,
      error: { code: "payload_too_large", message: `the result exceeds ${s.decl.hard_budget_bytes} bytes; narrow the query`, suggested_narrowings: narrowings(s, entry.query) },
      meta: meta({ ...base, complete: false, total_estimate: ran.truncated?.estimated_total ?? null, bytes }),
    };
  }
  if (!opts.unbudgeted && bytes > s.decl.soft_budget_bytes) {
    const cut = truncate(ran.outputs, s.decl.soft_budget_bytes);
    return { result: cut.result, meta: meta({ ...base, complete: false, truncated_at: cut.kept, total_estimate: cut.total, bytes: size(cut.result) }) };
  }
  return { result: ran.outputs, meta: meta({ ...base, bytes }) };
}

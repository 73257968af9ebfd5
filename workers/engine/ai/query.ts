/**
 * `/ai/query`: each entry runs its query over one surface within byte budgets in four tiers —
 * under the soft budget complete; over it truncated (`complete: false`); over the hard budget an
 * in-band `payload_too_large` with narrowings; past the global limit the caller answers 413.
 */
import type { QueryEnvelope, QueryEntry, QueryMeta } from "../../../lib/protocol/ai";
import type { JsonValue } from "../../../lib/protocol/events";
import type { WorkspaceAccess } from "../../context";
import type { Env } from "../../env";
import { runCss } from "./css-runner";
import { runJq } from "./jq-runner";
import { runSql, sqlNarrowings } from "./sql-runner";
import type { LangRunner, Resolved, Surface } from "./surface";
import { findSurface } from "./surfaces";

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
  if (surface.decl.lang === "sql") return sqlNarrowings(surface, query);
  return [`${query} | length`, `${query} | .[:20]`, `${query} | keys? // type`, ...surface.decl.recipes.map((r) => r.query)].slice(0, 6);
}

export interface QueryOptions {
  /** NDJSON streaming: byte budgets do not apply (step budgets do). */
  unbudgeted?: boolean;
  /** Surface values already resolved in this request, so entries over one surface share one read. */
  resolved?: Map<string, Promise<Resolved>>;
  /** `?live=1`: bypass surface caches. */
  live?: boolean;
  /** The caller's identity, shown to browsers while it perceives them. */
  agent?: { id: string; name: string } | null;
}

const RUNNERS: Record<Surface["decl"]["lang"], LangRunner> = { jq: runJq, css: runCss, sql: runSql };

/** Runs one entry; never throws for bad input. */
export async function runEntry(env: Env, access: WorkspaceAccess, surfaces: Surface[], entry: QueryEntry, opts: QueryOptions = {}): Promise<QueryEnvelope> {
  const s = findSurface(surfaces, entry.plugin, entry.surface);
  if (!s) return failure("unknown_surface", `${entry.plugin}.${entry.surface} is not a surface here; GET /ai/manual lists them`);
  const hard = opts.unbudgeted ? Number.MAX_SAFE_INTEGER : s.decl.hard_budget_bytes;
  const ran = await (s.run ?? RUNNERS[s.decl.lang])(s, {
    env, access, instance: entry.instance ?? "main", query: entry.query, live: opts.live ?? false, agent: opts.agent ?? null,
    outputBytes: opts.unbudgeted ? undefined : hard + 1, resolved: opts.resolved ?? new Map(),
  });
  const base = { last_updated: ran.ok ? (ran.last_updated ?? new Date().toISOString()) : new Date().toISOString(), version_hash: ran.version_hash ?? null };
  if (!ran.ok) {
    const { code, message, pos } = ran;
    return { ...failure(code, message, pos === undefined ? {} : { pos }), meta: meta({ ...base, complete: false }) };
  }
  const target_rect = ran.target_rect ?? null;
  const bytes = size(ran.outputs);
  if (ran.truncated || bytes > hard) {
    return {
      result: null,
      error: { code: "payload_too_large", message: `the result exceeds ${s.decl.hard_budget_bytes} bytes; narrow the query`, suggested_narrowings: narrowings(s, entry.query) },
      meta: meta({ ...base, complete: false, total_estimate: ran.truncated?.estimated_total ?? null, bytes, target_rect }),
    };
  }
  if (!opts.unbudgeted && bytes > s.decl.soft_budget_bytes) {
    const cut = truncate(ran.outputs, s.decl.soft_budget_bytes);
    return { result: cut.result, meta: meta({ ...base, complete: false, truncated_at: cut.kept, total_estimate: cut.total, bytes: size(cut.result), target_rect }) };
  }
  return { result: ran.outputs, meta: meta({ ...base, bytes, target_rect }) };
}

/**
 * The per-workspace logs behind the SQL surfaces `pe.log`, `pe.network`, `pe.console` and
 * `pe.mutations` (tables of migration 0006). Each keeps the newest `LOG_CAP` rows and at most
 * `LOG_MAX_AGE_MS` of them per workspace; older rows are pruned as new ones arrive.
 */
import type { JsonValue } from "../../../lib/protocol/events";
import type { SandboxColumn } from "../../../lib/sql-sandbox/sandbox";
import type { Env } from "../../env";

export const LOG_CAP = 5_000;
export const LOG_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export type LogTable = "worker_log" | "request_log" | "browser_console" | "browser_mutations";

/** A surface's columns and the D1 columns they read. */
export const LOG_COLUMNS: Record<LogTable, SandboxColumn[]> = {
  worker_log: [
    { name: "id", type: "INTEGER" }, { name: "at", type: "TEXT" }, { name: "level", type: "TEXT" }, { name: "message", type: "TEXT" },
    { name: "route", type: "TEXT" }, { name: "request_id", type: "TEXT" },
  ],
  request_log: [
    { name: "id", type: "INTEGER" }, { name: "at", type: "TEXT" }, { name: "method", type: "TEXT" }, { name: "path", type: "TEXT" },
    { name: "status", type: "INTEGER" }, { name: "duration_ms", type: "INTEGER" }, { name: "identity", type: "TEXT" },
    { name: "identity_name", type: "TEXT" }, { name: "identity_type", type: "TEXT" }, { name: "token_id", type: "TEXT" }, { name: "request_id", type: "TEXT" },
  ],
  browser_console: [
    { name: "id", type: "INTEGER" }, { name: "at", type: "TEXT" }, { name: "level", type: "TEXT" }, { name: "message", type: "TEXT" },
    { name: "source", type: "TEXT" }, { name: "client", type: "TEXT" }, { name: "identity", type: "TEXT" }, { name: "received_at", type: "TEXT" },
  ],
  browser_mutations: [
    { name: "id", type: "INTEGER" }, { name: "at", type: "TEXT" }, { name: "kind", type: "TEXT" }, { name: "target", type: "TEXT" },
    { name: "detail", type: "TEXT" }, { name: "client", type: "TEXT" }, { name: "identity", type: "TEXT" }, { name: "received_at", type: "TEXT" },
  ],
};

/** The newest rows of a workspace's log (oldest first), and the id of the newest. */
export async function readLog(env: Env, table: LogTable, workspaceId: string): Promise<{ rows: Record<string, JsonValue>[]; last: number }> {
  const cols = LOG_COLUMNS[table].map((c) => c.name).join(", ");
  const { results } = await env.DB.prepare(`SELECT ${cols} FROM ${table} WHERE workspace_id = ? ORDER BY id DESC LIMIT ${LOG_CAP}`).bind(workspaceId).all<Record<string, JsonValue>>();
  results.reverse();
  return { rows: results, last: Number(results.at(-1)?.id ?? 0) };
}

/** The column a log's rows age by: browsers' own clocks are not trusted, their rows age by when they arrived. */
const ageColumn = (table: LogTable) => (table.startsWith("browser_") ? "received_at" : "at");

/** Deletes what is past the cap or older than the age limit for one workspace. */
export function pruneStatement(env: Env, table: LogTable, workspaceId: string): D1PreparedStatement {
  const oldest = new Date(Date.now() - LOG_MAX_AGE_MS).toISOString();
  return env.DB.prepare(
    `DELETE FROM ${table} WHERE workspace_id = ?1 AND (${ageColumn(table)} < ?2 OR id <= (SELECT id FROM ${table} WHERE workspace_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ${LOG_CAP}))`,
  ).bind(workspaceId, oldest);
}

/** Pruning runs on every `PRUNE_EVERY`-th insert id, so a steady writer stays near the cap cheaply. */
const PRUNE_EVERY = 64;
export const shouldPrune = (id: number) => id % PRUNE_EVERY === 0;

export interface RequestRecord {
  workspaceId: string;
  at: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  identity: { id: string; name: string; type: string };
  tokenId: string | null;
  requestId: string;
  /** A browser session names its workspace in the path; it is logged only if the identity belongs to it. */
  checkMembership: boolean;
}

/** Records one request (for a session, only when its identity is a member of the workspace). */
export async function recordRequest(env: Env, r: RequestRecord): Promise<void> {
  const guard = r.checkMembership ? "WHERE EXISTS (SELECT 1 FROM memberships WHERE workspace_id = ?1 AND identity_id = ?7)" : "";
  const row = await env.DB.prepare(
    `INSERT INTO request_log (workspace_id, at, method, path, status, duration_ms, identity, identity_name, identity_type, token_id, request_id)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 ${guard} RETURNING id`,
  )
    .bind(r.workspaceId, r.at, r.method, r.path, r.status, r.durationMs, r.identity.id, r.identity.name, r.identity.type, r.tokenId, r.requestId)
    .first<{ id: number }>();
  if (row && shouldPrune(row.id)) await pruneStatement(env, "request_log", r.workspaceId).run();
}

export interface LogLine {
  workspaceId: string;
  level: "debug" | "info" | "warn" | "error";
  message: string;
  route: string | null;
  requestId: string | null;
  checkMembership?: { identityId: string };
}

/** Appends one line to a workspace's Worker log. */
export async function recordLogLine(env: Env, l: LogLine): Promise<void> {
  const guard = l.checkMembership ? "WHERE EXISTS (SELECT 1 FROM memberships WHERE workspace_id = ?1 AND identity_id = ?6)" : "";
  const row = await env.DB.prepare(
    `INSERT INTO worker_log (workspace_id, at, level, message, route, request_id) SELECT ?1, ?7, ?2, ?3, ?4, ?5 ${guard} RETURNING id`,
  )
    .bind(l.workspaceId, l.level, l.message.slice(0, 4_000), l.route, l.requestId, l.checkMembership?.identityId ?? null, new Date().toISOString())
    .first<{ id: number }>();
  if (row && shouldPrune(row.id)) await pruneStatement(env, "worker_log", l.workspaceId).run();
}

export interface BrowserEntries {
  workspaceId: string;
  client: string;
  identity: string;
}

/** Stores a browser's console lines or mutations in one batch, then prunes that workspace's log. */
export async function recordBrowser(
  env: Env,
  table: "browser_console" | "browser_mutations",
  who: BrowserEntries,
  entries: { at: string; level?: string; message?: string; source?: string; kind?: string; target?: string; detail?: string }[],
): Promise<void> {
  const insert =
    table === "browser_console"
      ? env.DB.prepare(`INSERT INTO browser_console (workspace_id, client, identity, at, level, message, source) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      : env.DB.prepare(`INSERT INTO browser_mutations (workspace_id, client, identity, at, kind, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const rows = entries.map((e) =>
    table === "browser_console"
      ? insert.bind(who.workspaceId, who.client, who.identity, e.at, e.level ?? "log", e.message ?? "", e.source ?? "")
      : insert.bind(who.workspaceId, who.client, who.identity, e.at, e.kind ?? "childList", e.target ?? "", e.detail ?? ""),
  );
  await env.DB.batch([...rows, pruneStatement(env, table, who.workspaceId)]);
}

/** The minute cron's sweep: rows older than `LOG_MAX_AGE_MS` in every workspace (a quiet workspace is never pruned on insert). */
export async function sweepOldLogs(env: Env, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - LOG_MAX_AGE_MS).toISOString();
  const tables = Object.keys(LOG_COLUMNS) as LogTable[];
  // Indexed by time (migration 0007).
  await env.DB.batch(tables.map((t) => env.DB.prepare(`DELETE FROM ${t} WHERE ${ageColumn(t)} < ?1`).bind(cutoff)));
}

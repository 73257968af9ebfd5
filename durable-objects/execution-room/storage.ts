/**
 * ExecutionRoom storage (SQLite): the run's state (one JSON row), its log lines for replay,
 * and — on the scheduler instance only — the concurrency slots (see scheduler.ts).
 */

import type { StatusEvent } from "./log-stream";

const SCHEMA_VERSION = 1;

export type Phase = "idle" | "starting" | "waiting" | "running" | "retry_wait" | "final";
export type FinalStatus = "success" | "failed" | "timeout" | "cancelled";

export interface RunState {
  executionId: string | null;
  /** Attempt being (or last) handled; 0 before the first start. */
  attempt: number;
  phase: Phase;
  status: FinalStatus | null;
  queue: "paid" | "free";
  timeoutMs: number;
  /** When the running attempt began (ms since epoch). */
  startedAt: number | null;
  cancelRequested: boolean;
  timeoutRequested: boolean;
  /** The final outcome is in D1 and the full logs in R2. */
  recorded: boolean;
  /** settleExecution has returned for the final outcome. */
  settled: boolean;
  /** The run's callback (a plugin's `then`, if any) has been delivered. */
  notified: boolean;
  durationMs: number | null;
  exitCode: number | null;
  errorMessage: string | null;
}

export const INITIAL_STATE: RunState = {
  executionId: null, attempt: 0, phase: "idle", status: null, queue: "free", timeoutMs: 0, startedAt: null,
  cancelRequested: false, timeoutRequested: false, recorded: false, settled: false, notified: false, durationMs: null, exitCode: null, errorMessage: null,
};

/** The status an outsider sees for a room's phase. */
export function publicStatus(s: RunState): string {
  if (s.phase === "final") return s.status ?? "failed";
  return s.phase === "running" ? "running" : "queued";
}

/** Milliseconds since the running attempt began, or null. */
export function elapsedMs(s: RunState): number | null {
  return s.startedAt === null ? null : Date.now() - s.startedAt;
}

/** The SSE `status` event of a room. */
export function statusEventOf(s: RunState): StatusEvent {
  return { status: s.status ?? publicStatus(s), exit_code: s.exitCode, duration_ms: s.durationMs, error_message: s.errorMessage };
}

export interface StoredLine {
  seq: number;
  stream: "stdout" | "stderr";
  data: string;
}

/** Bytes of log lines a room keeps per stream (the runtime caps each stream at 1 MB first). */
export const ROOM_LOG_CAP = 2 * 1024 * 1024;

export function ensureSchema(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS _sys_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const row = sql.exec<{ value: string }>(`SELECT value FROM _sys_meta WHERE key = 'schema'`).toArray()[0];
  if (row && Number(row.value) >= SCHEMA_VERSION) return;
  sql.exec(`CREATE TABLE IF NOT EXISTS _sys_log (seq INTEGER PRIMARY KEY, stream TEXT NOT NULL, data TEXT NOT NULL)`);
  sql.exec(
    `CREATE TABLE IF NOT EXISTS _sys_slots (execution_id TEXT PRIMARY KEY, queue TEXT NOT NULL, state TEXT NOT NULL,
       arrival INTEGER NOT NULL, lease_ms INTEGER NOT NULL, lease_until INTEGER)`,
  );
  sql.exec(`INSERT OR REPLACE INTO _sys_meta (key, value) VALUES ('schema', ?)`, String(SCHEMA_VERSION));
}

export function loadState(sql: SqlStorage): RunState {
  const row = sql.exec<{ value: string }>(`SELECT value FROM _sys_meta WHERE key = 'run'`).toArray()[0];
  return row ? { ...INITIAL_STATE, ...(JSON.parse(row.value) as Partial<RunState>) } : { ...INITIAL_STATE };
}

export function saveState(sql: SqlStorage, state: RunState): void {
  sql.exec(`INSERT OR REPLACE INTO _sys_meta (key, value) VALUES ('run', ?)`, JSON.stringify(state));
}

export function getMeta(sql: SqlStorage, key: string): string | null {
  return sql.exec<{ value: string }>(`SELECT value FROM _sys_meta WHERE key = ?`, key).toArray()[0]?.value ?? null;
}

export function setMeta(sql: SqlStorage, key: string, value: string | null): void {
  if (value === null) sql.exec(`DELETE FROM _sys_meta WHERE key = ?`, key);
  else sql.exec(`INSERT OR REPLACE INTO _sys_meta (key, value) VALUES (?, ?)`, key, value);
}

/** Keeps a line unless its stream is over the room's cap; returns whether it was kept. */
export function appendLine(sql: SqlStorage, line: StoredLine, bytesSoFar: number): boolean {
  if (bytesSoFar + line.data.length + 1 > ROOM_LOG_CAP) return false;
  sql.exec(`INSERT OR IGNORE INTO _sys_log (seq, stream, data) VALUES (?, ?, ?)`, line.seq, line.stream, line.data);
  return true;
}

export function linesAfter(sql: SqlStorage, seq: number): StoredLine[] {
  return sql.exec<{ seq: number; stream: string; data: string }>(`SELECT seq, stream, data FROM _sys_log WHERE seq > ? ORDER BY seq`, seq)
    .toArray()
    .map((r) => ({ seq: r.seq, stream: r.stream === "stderr" ? "stderr" : "stdout", data: r.data }));
}

/** The whole kept text of one stream, newline-terminated lines. */
export function streamText(sql: SqlStorage, stream: "stdout" | "stderr"): string {
  return sql.exec<{ data: string }>(`SELECT data FROM _sys_log WHERE stream = ? ORDER BY seq`, stream).toArray().map((r) => `${r.data}\n`).join("");
}

/** Highest line number kept (a new attempt numbers its lines after it). */
export function lastSeq(sql: SqlStorage): number {
  return sql.exec<{ n: number | null }>(`SELECT max(seq) AS n FROM _sys_log`).one().n ?? 0;
}

/** The last `bytes` characters of a text (D1 keeps 4 KB tails). */
export function tail(text: string, bytes = 4096): string {
  return text.length <= bytes ? text : text.slice(text.length - bytes);
}

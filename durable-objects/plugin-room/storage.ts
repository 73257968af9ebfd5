/**
 * The room's SQLite schema and the small synchronous stores on top of it. Everything here runs
 * inside one Durable Object, so reads and writes are serial; callers group writes in
 * `ctx.storage.transactionSync` to make a dispatch all-or-nothing.
 */
import type { JsonValue } from "../../lib/protocol/events";

const SCHEMA_VERSION = 1;

/** Characters per chunk: at most ~1.5 MB of UTF-8, under the 2 MB per-value limit. */
export const CHUNK_CHARS = 500_000;

export function ensureSchema(sql: SqlStorage): void {
  sql.exec(`
    CREATE TABLE IF NOT EXISTS _sys_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS _sys_blobs (key TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (key, idx));
    CREATE TABLE IF NOT EXISTS _sys_changelog (version INTEGER PRIMARY KEY, event TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS _sys_history (
      seq INTEGER PRIMARY KEY, version INTEGER NOT NULL, at TEXT NOT NULL,
      author_id TEXT NOT NULL, author_name TEXT NOT NULL, author_type TEXT NOT NULL,
      source TEXT NOT NULL, command TEXT NOT NULL, params TEXT NOT NULL,
      changeset TEXT NOT NULL, batch_id TEXT NOT NULL, dispatch_id INTEGER NOT NULL,
      message TEXT NOT NULL, trailers TEXT NOT NULL, patch TEXT NOT NULL, inverse TEXT NOT NULL, files TEXT
    );
    CREATE INDEX IF NOT EXISTS _sys_history_changeset ON _sys_history (changeset);
    CREATE INDEX IF NOT EXISTS _sys_history_command ON _sys_history (command);
    CREATE TABLE IF NOT EXISTS _sys_errors (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, dispatch_id INTEGER NOT NULL, command TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS _sys_snapshots (name TEXT PRIMARY KEY, version INTEGER NOT NULL, at TEXT NOT NULL, author TEXT NOT NULL);
  `);
  sql.exec(`INSERT OR IGNORE INTO _sys_meta (key, value) VALUES ('schema_version', ?)`, String(SCHEMA_VERSION));
}

export class Meta {
  constructor(private readonly sql: SqlStorage) {}

  get(key: string): string | undefined {
    const row = this.sql.exec<{ value: string }>(`SELECT value FROM _sys_meta WHERE key = ?`, key).toArray()[0];
    return row?.value;
  }

  set(key: string, value: string): void {
    this.sql.exec(`INSERT INTO _sys_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value);
  }

  number(key: string): number {
    return Number(this.get(key) ?? 0);
  }
}

/** Large JSON values split across rows. */
export class Blobs {
  constructor(private readonly sql: SqlStorage) {}

  put(key: string, value: JsonValue): void {
    const text = JSON.stringify(value);
    this.sql.exec(`DELETE FROM _sys_blobs WHERE key = ?`, key);
    for (let i = 0, idx = 0; i < text.length || idx === 0; i += CHUNK_CHARS, idx++) {
      this.sql.exec(`INSERT INTO _sys_blobs (key, idx, data) VALUES (?, ?, ?)`, key, idx, text.slice(i, i + CHUNK_CHARS));
    }
  }

  get(key: string): JsonValue | undefined {
    const rows = this.sql.exec<{ data: string }>(`SELECT data FROM _sys_blobs WHERE key = ? ORDER BY idx`, key).toArray();
    if (rows.length === 0) return undefined;
    return JSON.parse(rows.map((r) => r.data).join("")) as JsonValue;
  }

  delete(key: string): void {
    this.sql.exec(`DELETE FROM _sys_blobs WHERE key = ?`, key);
  }
}

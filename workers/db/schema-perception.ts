import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// What the SQL surfaces pe.log, pe.network, pe.console and pe.mutations read: per-workspace logs,
// each capped (newest rows kept) by workers/engine/ai/sql-logs.ts.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** The Worker's own log lines about a workspace (`pe.log`). */
export const workerLog = sqliteTable(
  "worker_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id").notNull(),
    at: text("at").notNull().default(now),
    level: text("level", { enum: ["debug", "info", "warn", "error"] }).notNull(),
    message: text("message").notNull(),
    route: text("route"),
    requestId: text("request_id"),
  },
  (t) => [index("worker_log_ws").on(t.workspaceId, t.id), index("worker_log_at").on(t.at)],
);

/** Requests that acted in a workspace, with timing, status and identity (`pe.network`); never bodies or secrets. */
export const requestLog = sqliteTable(
  "request_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id").notNull(),
    at: text("at").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status").notNull(),
    durationMs: integer("duration_ms").notNull(),
    identity: text("identity").notNull(),
    identityName: text("identity_name").notNull(),
    identityType: text("identity_type").notNull(),
    tokenId: text("token_id"),
    requestId: text("request_id").notNull(),
  },
  (t) => [index("request_log_ws").on(t.workspaceId, t.id), index("request_log_at").on(t.at)],
);

/** Console lines browsers posted (`pe.console`). */
export const browserConsole = sqliteTable(
  "browser_console",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id").notNull(),
    client: text("client").notNull(),
    identity: text("identity").notNull(),
    at: text("at").notNull(),
    level: text("level").notNull(),
    message: text("message").notNull(),
    source: text("source").notNull(),
    receivedAt: text("received_at").notNull().default(now),
  },
  (t) => [index("browser_console_ws").on(t.workspaceId, t.id), index("browser_console_received").on(t.receivedAt)],
);

/** DOM mutations browsers observed (`pe.mutations`). */
export const browserMutations = sqliteTable(
  "browser_mutations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id").notNull(),
    client: text("client").notNull(),
    identity: text("identity").notNull(),
    at: text("at").notNull(),
    kind: text("kind").notNull(),
    target: text("target").notNull(),
    detail: text("detail").notNull(),
    receivedAt: text("received_at").notNull().default(now),
  },
  (t) => [index("browser_mutations_ws").on(t.workspaceId, t.id), index("browser_mutations_received").on(t.receivedAt)],
);

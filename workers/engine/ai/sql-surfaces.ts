/**
 * SQL surfaces: the framework's (`pe.changelog` from the rooms' history; `pe.log` and `pe.network`
 * from the Worker's own logs; `pe.console` and `pe.mutations` fed by browsers) and those plugins
 * declare over a table in their state. Each resolves to one table named after the surface; a query
 * sees that table alone (see sql-runner.ts).
 */
import type { JsonValue } from "../../../lib/protocol/events";
import type { SandboxColumn } from "../../../lib/sql-sandbox/sandbox";
import { CHANGELOG_COLUMNS, CHANGELOG_ROWS, changelogRows } from "./sql-changelog";
import { LOG_CAP, LOG_COLUMNS, readLog, type LogTable } from "./sql-logs";
import { pluginTable, type PluginSqlSpec } from "./sql-plugin-table";
import type { SqlTableValue } from "./sql-runner";
import { surface, versionHash, type Recipe, type Resolved, type Resolver, type Surface } from "./surface";
import type { ManifestSurface } from "./surfaces";

/** `Table name(col TYPE, …)`, for descriptions in the manual. */
export const tableLine = (name: string, columns: SandboxColumn[]) =>
  `Table \`${name}\`(${columns.map((c) => `${c.name} ${c.type}`).join(", ")}); a query is one read-only SQLite SELECT over it.`;

const tableValue = (table: string, columns: SandboxColumn[], rows: Record<string, JsonValue>[]): JsonValue => ({ table, columns, rows } satisfies SqlTableValue as unknown as JsonValue);

function logSurface(name: string, table: LogTable, about: string, recipes: Recipe[]): Surface {
  const columns = LOG_COLUMNS[table];
  return surface(
    { plugin: "pe", name, lang: "sql", freshness: { kind: "lazy" }, description: `${about} Newest ${LOG_CAP} rows (24 h at most). ${tableLine(name, columns)}`, recipes },
    async ({ env, access }): Promise<Resolved> => {
      const { rows, last } = await readLog(env, table, access.id);
      return { ok: true, value: tableValue(name, columns, rows), version_hash: await versionHash({ [name]: last }) };
    },
  );
}

export const SQL_SURFACES: Surface[] = [
  surface(
    {
      plugin: "pe",
      name: "changelog",
      lang: "sql",
      freshness: { kind: "every_dispatch" },
      description: `Dispatch history of the workspace's rooms (\`room\` is plugin:instance), newest ${CHANGELOG_ROWS} records; \`summary\` is the history message's first line, \`ops\` the patch size, \`paths\` the state paths it touched. ${tableLine("changelog", CHANGELOG_COLUMNS)}`,
      recipes: [
        { description: "the last 20 dispatches", query: "SELECT at, room, command, source, author, summary FROM changelog ORDER BY at DESC LIMIT 20" },
        { description: "dispatches per source and author", query: "SELECT source, author, count(*) AS n FROM changelog GROUP BY source, author ORDER BY n DESC" },
        { description: "what AI agents changed, by changeset", query: "SELECT changeset, min(at) AS started, group_concat(DISTINCT room) AS rooms, count(*) AS commands FROM changelog WHERE source = 'ai' GROUP BY changeset ORDER BY started DESC LIMIT 20" },
      ],
    },
    async ({ env, access }) => {
      const { rows, versions } = await changelogRows(env, access.id);
      return { ok: true, value: tableValue("changelog", CHANGELOG_COLUMNS, rows), version_hash: await versionHash(versions) };
    },
  ),
  logSurface("log", "worker_log", "The Worker's own log about this workspace: failed requests (warn for 4xx, error for 5xx) and what routes report.", [
    { description: "errors and warnings, newest first", query: "SELECT at, level, message, route, request_id FROM log WHERE level IN ('error', 'warn') ORDER BY id DESC LIMIT 50" },
  ]),
  logSurface("network", "request_log", "The Worker's request log for this workspace: method, path (no query string, secrets redacted), status, duration and who called (identity, identity_type, token_id).", [
    { description: "the slowest requests of the last hour", query: "SELECT at, method, path, status, duration_ms, identity_name FROM network WHERE at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 hour') ORDER BY duration_ms DESC LIMIT 20" },
    { description: "failures by route and status", query: "SELECT method, path, status, count(*) AS n FROM network WHERE status >= 400 GROUP BY method, path, status ORDER BY n DESC LIMIT 20" },
    { description: "requests and mean latency per caller", query: "SELECT identity_name, identity_type, count(*) AS n, round(avg(duration_ms), 1) AS mean_ms FROM network GROUP BY identity ORDER BY n DESC" },
  ]),
  logSurface("console", "browser_console", "Console lines the workspace's browsers captured (posted to /api/w/:ws/perception/console).", [
    { description: "errors and warnings, newest first", query: "SELECT at, level, message, source FROM console WHERE level IN ('error', 'warn') ORDER BY id DESC LIMIT 50" },
    { description: "lines per level and browser", query: "SELECT client, level, count(*) AS n FROM console GROUP BY client, level ORDER BY n DESC" },
  ]),
  logSurface("mutations", "browser_mutations", "DOM mutations the workspace's browsers observed (posted to /api/w/:ws/perception/mutations).", [
    { description: "the latest mutations", query: "SELECT at, kind, target, detail FROM mutations ORDER BY id DESC LIMIT 50" },
    { description: "the most changed elements", query: "SELECT target, kind, count(*) AS n FROM mutations GROUP BY target, kind ORDER BY n DESC LIMIT 20" },
  ]),
];

/**
 * A plugin's manifest SQL surface: the array (or map of objects) at `path` in an instance's
 * state (read by `atPath`, as for a jq surface), as a table named after the surface. Columns come
 * from the manifest's `columns` or from the state schema's item properties at `path`.
 */
export function pluginSqlSurface(plugin: string, s: ManifestSurface, stateSchema: unknown, atPath: Resolver): Surface {
  const spec = pluginTable(s as PluginSqlSpec, stateSchema);
  const description = spec.ok ? `${s.description} ${tableLine(s.name, spec.columns)} Rows: state \`${s.path}\`${spec.keyed ? " (a map; its keys are column `key`)" : ""}.` : s.description;
  return surface(
    { plugin, name: s.name, lang: "sql", freshness: { kind: "every_dispatch" }, description, soft_budget_bytes: s.soft_budget_bytes, hard_budget_bytes: s.hard_budget_bytes, recipes: s.recipes ?? [] },
    async (input) => {
      if (!spec.ok) return { ok: false, code: "invalid_surface", message: `${plugin}.${s.name}: ${spec.message}` };
      const got = await atPath(input);
      return got.ok ? { ...got, value: tableValue(s.name, spec.columns, spec.rows(got.value)) } : got;
    },
  );
}

/** `pe.changelog`: the dispatch history of the workspace's rooms, newest `CHANGELOG_ROWS` records. */
import type { JsonValue } from "../../../lib/protocol/events";
import type { SandboxColumn } from "../../../lib/sql-sandbox/sandbox";
import type { Env } from "../../env";
import type { HistoryRecord } from "../../../durable-objects/plugin-room/history";
import { roomStub } from "../rooms";

export const CHANGELOG_ROWS = 1_000;
/** Rooms read at most, the most recently created first. */
const MAX_ROOMS = 32;

export const CHANGELOG_COLUMNS: SandboxColumn[] = [
  { name: "at", type: "TEXT" }, { name: "room", type: "TEXT" }, { name: "plugin", type: "TEXT" }, { name: "instance", type: "TEXT" },
  { name: "version", type: "INTEGER" }, { name: "command", type: "TEXT" }, { name: "params", type: "JSON" }, { name: "source", type: "TEXT" },
  { name: "author", type: "TEXT" }, { name: "author_id", type: "TEXT" }, { name: "author_type", type: "TEXT" }, { name: "batch_id", type: "TEXT" },
  { name: "changeset", type: "TEXT" }, { name: "summary", type: "TEXT" }, { name: "ops", type: "INTEGER" }, { name: "paths", type: "JSON" },
  { name: "files", type: "JSON" },
];

/** The rows and the room versions they reflect. */
export async function changelogRows(env: Env, workspaceId: string): Promise<{ rows: Record<string, JsonValue>[]; versions: Record<string, number> }> {
  const { results: rooms } = await env.DB.prepare(
    `SELECT i.plugin, i.instance FROM plugin_instances i JOIN installed_plugins p ON p.workspace_id = i.workspace_id AND p.name = i.plugin
     WHERE i.workspace_id = ? ORDER BY i.created_at DESC LIMIT ${MAX_ROOMS}`,
  )
    .bind(workspaceId)
    .all<{ plugin: string; instance: string }>();
  const versions: Record<string, number> = {};
  const perRoom = await Promise.all(
    rooms.map(async ({ plugin, instance }) => {
      const key = { workspace: workspaceId, plugin, instance };
      const room = roomStub(env, key);
      // The newest record says whether this isolate's copy of the room's rows is still current.
      const [latest] = await room.history(key, { limit: 1 });
      const id = `${workspaceId}:${plugin}:${instance}`;
      const tag = latest ? `${latest.version}:${latest.batch_id}:${latest.seq}` : "empty";
      versions[`${plugin}:${instance}`] = latest?.version ?? 0;
      const cached = ROOM_ROWS.get(id);
      if (cached?.tag === tag) return cached.rows;
      const rows = latest ? toRows(plugin, instance, await room.history(key, { limit: CHANGELOG_ROWS })) : [];
      ROOM_ROWS.delete(id);
      ROOM_ROWS.set(id, { tag, rows });
      if (ROOM_ROWS.size > CACHED_ROOMS) ROOM_ROWS.delete(ROOM_ROWS.keys().next().value!);
      return rows;
    }),
  );
  const at = (r: Row) => String(r.at);
  const rows = perRoom.flat().sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0)).slice(0, CHANGELOG_ROWS);
  return { rows: rows.reverse(), versions };
}

type Row = Record<string, JsonValue>;

/** Rooms whose rows this isolate keeps, keyed by workspace:plugin:instance and checked against the newest record. */
const CACHED_ROOMS = 64;
const ROOM_ROWS = new Map<string, { tag: string; rows: Row[] }>();

function toRows(plugin: string, instance: string, records: HistoryRecord[]): Row[] {
  return records.map((r) => ({
    at: r.at,
    room: `${plugin}:${instance}`,
    plugin,
    instance,
    version: r.version,
    command: r.command,
    params: r.params,
    source: r.source,
    author: r.author.name,
    author_id: r.author.id,
    author_type: r.author.type,
    batch_id: r.batch_id,
    changeset: r.changeset,
    summary: r.message.split("\n")[0] ?? "",
    ops: r.patch.length,
    paths: [...new Set(r.patch.map((op) => op.path))].slice(0, 20),
    files: r.files ? Object.keys(r.files) : null,
  }) as unknown as Row);
}

/** `pe.changelog`: the dispatch history of the workspace's rooms, newest `CHANGELOG_ROWS` records. */
import type { JsonValue } from "../../../lib/protocol/events";
import type { SandboxColumn } from "../../../lib/sql-sandbox/sandbox";
import type { Env } from "../../env";
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
      const records = await roomStub(env, key).history(key, { limit: CHANGELOG_ROWS });
      versions[`${plugin}:${instance}`] = records[0]?.version ?? 0;
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
      }));
    }),
  );
  const rows = perRoom.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, CHANGELOG_ROWS);
  return { rows: rows.reverse() as unknown as Record<string, JsonValue>[], versions };
}

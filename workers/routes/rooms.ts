import { Hono } from "hono";
import { stream } from "hono/streaming";
import { fastImport } from "../../lib/history/fast-import";
import { HistoryQuery, Revert, RoomQuery, SaveSnapshot, StateQuery } from "../../lib/protocol/dispatch";
import type { AppEnv } from "../context";
import { sourceOf } from "../engine/dispatch";
import { openRoom } from "../engine/room-access";
import { requireIdentity } from "../middleware/auth";
import { AppError } from "../middleware/errors";
import { newId } from "../../lib/auth/secrets";
import { body, doc, query } from "../openapi";
import type { RoomCommand, RoomOutcome } from "../../durable-objects/plugin-room/types";
import type { Context } from "hono";

/** A framework command (restore, revert) recorded like any dispatch by the caller. */
function frameworkCommand(c: Context<AppEnv>, command: string): RoomCommand {
  const me = requireIdentity(c);
  const batch = newId("bat");
  return { command, params: {}, author: { id: me.id, name: me.name, type: me.type }, source: sourceOf(me.type), batch_id: batch, changeset: batch, rendering: "progressive" };
}

function answer(c: Context<AppEnv>, outcome: RoomOutcome) {
  if (!outcome.ok) throw new AppError(outcome.status, outcome.error.code, outcome.error.message, outcome.error.details);
  return c.json({ version: outcome.version, dispatch_id: outcome.dispatch_id, patch: outcome.patch });
}

export const roomsApi = new Hono<AppEnv>()
  .get("/", doc({ summary: "A plugin's manifest and files as its room runs them", tags: ["state"] }), query(RoomQuery), async (c) => {
    const { key, room } = await openRoom(c, "viewer", c.req.valid("query").instance);
    const files = (await room.files(key)) ?? {};
    return c.json({ plugin: key.plugin, instance: key.instance, manifest: JSON.parse(files["plugin.json"] ?? "{}"), files });
  })
  .get("/state", doc({ summary: "Full state with its version, or the patches after ?since=N", tags: ["state"] }), query(StateQuery), async (c) => {
    const q = c.req.valid("query");
    const { key, room } = await openRoom(c, "viewer", q.instance);
    if (q.since === undefined) {
      const s = await room.getState(key);
      if ("error" in s) throw new AppError(404, s.error.code, s.error.message);
      return c.json(s);
    }
    const changes = await room.changesSince(key, q.since);
    if (changes.kind === "full") return c.json({ version: changes.version, state: changes.state, reason: changes.reason });
    const patches = changes.events.flatMap((e) => (e.type === "state" ? [{ version: e.version, dispatch_id: e.dispatch_id, patch: e.patch }] : []));
    return c.json({ version: changes.version, since: q.since, patches });
  })
  .get("/snapshots", doc({ summary: "Named snapshots of a room", tags: ["state"] }), query(RoomQuery), async (c) => {
    const { key, room } = await openRoom(c, "viewer", c.req.valid("query").instance);
    return c.json({ snapshots: await room.snapshots(key) });
  })
  .post("/snapshots", doc({ summary: "Save the current state under a name", tags: ["state"], status: 201 }), query(RoomQuery), body(SaveSnapshot), async (c) => {
    const { key, room } = await openRoom(c, "member", c.req.valid("query").instance);
    return c.json({ snapshot: await room.saveSnapshot(key, c.req.valid("json").name, requireIdentity(c).name) }, 201);
  })
  .post("/snapshots/:name/restore", doc({ summary: "Restore a snapshot (a recorded command)", tags: ["state"] }), query(RoomQuery), async (c) => {
    const { key, room } = await openRoom(c, "member", c.req.valid("query").instance);
    return answer(c, await room.restoreSnapshot(key, c.req.param("name"), frameworkCommand(c, "restore_snapshot")));
  })
  .get("/history", doc({ summary: "History records, newest first, filtered by source, command, author, changeset, time", tags: ["history"] }), query(HistoryQuery), async (c) => {
    const { instance, ...filter } = c.req.valid("query");
    const { key, room } = await openRoom(c, "viewer", instance);
    return c.json({ records: await room.history(key, filter) });
  })
  .post("/revert", doc({ summary: "Revert a changeset as one new changeset (409 on later conflicting changes unless force)", tags: ["history"] }), query(RoomQuery), body(Revert), async (c) => {
    const { key, room } = await openRoom(c, "member", c.req.valid("query").instance);
    const { changeset, force } = c.req.valid("json");
    return answer(c, await room.revert(key, changeset, force, frameworkCommand(c, "revert")));
  })
  .get("/history/export", doc({ summary: "The history as a git fast-import stream", tags: ["history"] }), query(RoomQuery), async (c) => {
    const { key, room } = await openRoom(c, "viewer", c.req.valid("query").instance);
    const records = await room.exportRecords(key);
    c.header("content-type", "text/plain; charset=utf-8");
    c.header("content-disposition", `attachment; filename="${key.plugin}-${key.instance}.fast-import"`);
    return stream(c, async (s) => {
      for (const chunk of fastImport(records)) await s.write(chunk);
    });
  });

import { Hono, type Context } from "hono";
import { stream } from "hono/streaming";
import { AiDispatch, MAX_QUERY_ENTRIES, QueryRequest } from "../../lib/protocol/ai";
import type { AppEnv, WorkspaceAccess } from "../context";
import { database } from "../db/client";
import { workspacesOf } from "../db/workspaces";
import { awaitRender } from "../engine/ai/acks";
import { composeManual, manualEtag } from "../engine/ai/manual";
import { runEntry } from "../engine/ai/query";
import type { Resolved } from "../engine/ai/surface";
import { workspaceSurfaces } from "../engine/ai/surfaces";
import { dispatchBatch } from "../engine/dispatch";
import { roomStub } from "../engine/rooms";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { AppError, notFound } from "../middleware/errors";
import { body, doc } from "../openapi";

const DEFAULT_GLOBAL_HARD_BYTES = 4 * 1024 * 1024;
const DEFAULT_ACK_TIMEOUT_MS = 2000;

/** The AI surface acts in the token's workspace (a browser session uses its first workspace). */
export async function aiWorkspace(c: Context<AppEnv>, min: "viewer" | "member"): Promise<WorkspaceAccess> {
  const caller = c.get("caller");
  const me = requireIdentity(c);
  if (caller.kind === "token") return requireWorkspace(c, caller.workspaceId, min);
  const [first] = await workspacesOf(database(c.env), me.id).limit(1);
  if (!first) throw notFound("workspace");
  return requireWorkspace(c, c.req.query("workspace") ?? first.id, min);
}

export const ai = new Hono<AppEnv>()
  .get("/manual", doc({ summary: "Markdown manual of every installed plugin: surfaces and commands with runnable examples", tags: ["ai"] }), async (c) => {
    const access = await aiWorkspace(c, "viewer");
    const { plugins, surfaces } = await workspaceSurfaces(c.env, access);
    const etag = await manualEtag(plugins);
    c.header("ETag", etag);
    c.header("Cache-Control", "private, no-cache");
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    c.header("content-type", "text/markdown; charset=utf-8");
    return c.body(composeManual(plugins, surfaces));
  })
  .post("/query", doc({ summary: "Budgeted jq/CSS/SQL queries over surfaces; in-band errors", tags: ["ai"] }), body(QueryRequest), async (c) => {
    const entries = c.req.valid("json");
    if (entries.length > MAX_QUERY_ENTRIES) throw new AppError(413, "too_many_entries", `at most ${MAX_QUERY_ENTRIES} entries per request`, { limit: MAX_QUERY_ENTRIES });
    const access = await aiWorkspace(c, "viewer");
    const { surfaces } = await workspaceSurfaces(c.env, access);
    const resolved = new Map<string, Promise<Resolved>>();
    if ((c.req.header("accept") ?? "").includes("application/x-ndjson")) {
      c.header("content-type", "application/x-ndjson");
      return stream(c, async (s) => {
        for (const entry of entries) await s.write(`${JSON.stringify(await runEntry(c.env, access, surfaces, entry, { unbudgeted: true, resolved }))}\n`);
      });
    }
    const results = [];
    let total = 0;
    const limit = Number(c.env.AI_QUERY_GLOBAL_HARD_BYTES) || DEFAULT_GLOBAL_HARD_BYTES;
    for (const entry of entries) {
      const envelope = await runEntry(c.env, access, surfaces, entry, { resolved });
      total += envelope.meta.bytes;
      if (total > limit) throw new AppError(413, "payload_too_large", `the whole reply would exceed ${limit} bytes; ask for fewer or narrower entries`, { limit });
      results.push(envelope);
    }
    return c.json(results);
  })
  .post("/dispatch", doc({ summary: "Run commands as the token's AI identity and wait for browsers to render them", tags: ["ai"] }), body(AiDispatch), async (c) => {
    const access = await aiWorkspace(c, "member");
    const me = requireIdentity(c);
    const { ack_timeout_ms = DEFAULT_ACK_TIMEOUT_MS, ...batch } = c.req.valid("json");
    const { status, ...reply } = await dispatchBatch({ env: c.env, access, author: { id: me.id, name: me.name, type: me.type }, source: "ai" }, batch);
    const last = [...reply.results].reverse().find((r) => r.ok);
    const state: Record<string, unknown> = {};
    for (const room of Object.keys(reply.versions)) {
      const [plugin, instance] = room.split(":") as [string, string];
      const got = await roomStub(c.env, { workspace: access.id, plugin, instance }).getState({ workspace: access.id, plugin, instance });
      if (!("error" in got)) state[room] = got.state;
    }
    const ack = last ? await awaitRender(c.env, access.id, `${last.plugin}:${last.instance}`, last.version, ack_timeout_ms) : { rendered_by: 0, version: null, timed_out: false };
    const answer = { ...reply, state, ack };
    if (status !== 200) {
      const failed = reply.results.find((r) => !r.ok);
      return c.json({ error: failed && !failed.ok ? failed.error : { code: "dispatch_failed", message: "no command ran" }, ...answer }, status as 400);
    }
    return c.json(answer);
  });

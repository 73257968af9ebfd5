/**
 * Browsers feed `pe.console` and `pe.mutations`: `POST /api/w/:ws/perception/console` and
 * `/perception/mutations` (bodies `ConsoleBatch`, `MutationBatch` of lib/protocol/perception.ts).
 * Any viewer of the workspace may post; rows are stored for that workspace only and capped there.
 * Mounted at `/api/w/:ws`.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { ConsoleBatch, MutationBatch } from "../../lib/protocol/perception";
import type { AppEnv } from "../context";
import { recordBrowser } from "../engine/ai/sql-logs";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { body, doc } from "../openapi";

/** The caller must be a viewer of `:ws` before its body is even read. */
const viewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  await requireWorkspace(c, c.req.param("ws")!, "viewer");
  await next();
};

export const perceptionIngest = new Hono<AppEnv>()
  .post("/perception/console", doc({ summary: "Console lines a browser captured (pe.console)", tags: ["ai"], status: 202 }), viewer, body(ConsoleBatch), async (c) => {
    const { client, entries } = c.req.valid("json");
    await recordBrowser(c.env, "browser_console", { workspaceId: c.req.param("ws")!, client, identity: requireIdentity(c).id }, entries);
    return c.json({ accepted: entries.length }, 202);
  })
  .post("/perception/mutations", doc({ summary: "DOM mutations a browser observed (pe.mutations)", tags: ["ai"], status: 202 }), viewer, body(MutationBatch), async (c) => {
    const { client, entries } = c.req.valid("json");
    await recordBrowser(c.env, "browser_mutations", { workspaceId: c.req.param("ws")!, client, identity: requireIdentity(c).id }, entries);
    return c.json({ accepted: entries.length }, 202);
  });

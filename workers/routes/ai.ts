import { Hono, type Context } from "hono";
import { stream } from "hono/streaming";
import { AiDispatch, MAX_QUERY_ENTRIES, QueryRequest } from "../../lib/protocol/ai";
import type { AppEnv, WorkspaceAccess } from "../context";
import { database } from "../db/client";
import { workspacesOf } from "../db/workspaces";
import { aiDispatch, manual, query } from "../engine/ai/operations";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { AppError, notFound } from "../middleware/errors";
import { body, doc } from "../openapi";

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
    const { etag, text } = await manual(c.env, await aiWorkspace(c, "viewer"));
    c.header("ETag", etag);
    c.header("Cache-Control", "private, no-cache");
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    c.header("content-type", "text/markdown; charset=utf-8");
    return c.body(text);
  })
  .post("/query", doc({ summary: "Budgeted jq/CSS/SQL queries over surfaces; in-band errors", tags: ["ai"] }), body(QueryRequest), async (c) => {
    const entries = c.req.valid("json");
    if (entries.length > MAX_QUERY_ENTRIES) throw new AppError(413, "too_many_entries", `at most ${MAX_QUERY_ENTRIES} entries per request`, { limit: MAX_QUERY_ENTRIES });
    const access = await aiWorkspace(c, "viewer");
    const live = c.req.query("live") === "1";
    if ((c.req.header("accept") ?? "").includes("application/x-ndjson")) {
      c.header("content-type", "application/x-ndjson");
      return stream(c, (s) => query(c.env, access, entries, (e) => s.write(`${JSON.stringify(e)}\n`).then(() => undefined), live, requireIdentity(c)).then(() => undefined));
    }
    return c.json(await query(c.env, access, entries, undefined, live, requireIdentity(c)));
  })
  .post("/dispatch", doc({ summary: "Run commands as the token's AI identity and wait for browsers to render them", tags: ["ai"] }), body(AiDispatch), async (c) => {
    const out = await aiDispatch(c.env, await aiWorkspace(c, "member"), requireIdentity(c), c.req.valid("json"));
    if (out.status !== 200) return c.json({ error: out.error ?? { code: "dispatch_failed", message: "no command ran" }, ...out.reply }, out.status as 400);
    return c.json(out.reply);
  });

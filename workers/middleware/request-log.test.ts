import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../context";
import { seedWorkspace } from "../test/fixtures";
import { loggablePath, workerLog } from "./request-log";

describe("request log helpers", () => {
  it("workerLog writes a pe.log line for the workspace the caller acts in, and none for anonymous callers", async () => {
    const s = await seedWorkspace();
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set("requestId", "req_test");
        c.set("caller", c.req.header("x-anon") ? { kind: "anonymous" } : { kind: "token", identity: { id: s.owner.id, name: "owner", type: "human", email: null }, tokenId: "tok_x", workspaceId: s.workspace.id, scopes: [] });
        await next();
      })
      .get("/api/w/:ws/thing", (c) => {
        workerLog(c, "info", "did the thing");
        return c.text("ok");
      });
    for (const headers of [{}, { "x-anon": "1" }] as Record<string, string>[]) {
      const ctx = createExecutionContext();
      const res = await app.request(`/api/w/${s.workspace.id}/thing?token=secret`, { headers }, env, ctx);
      expect(res.status).toBe(200);
      await waitOnExecutionContext(ctx);
    }
    const { results } = await env.DB.prepare("SELECT level, message, route, request_id FROM worker_log WHERE workspace_id = ?").bind(s.workspace.id).all();
    expect(results).toEqual([{ level: "info", message: "did the thing", route: `GET /api/w/${s.workspace.id}/thing`, request_id: "req_test" }]);
  });

  it("redacts secret-looking path segments and keeps ids", () => {
    expect(loggablePath("/api/auth/token/tok_0123456789abcdef")).toBe("/api/auth/token/tok_0123456789abcdef");
    expect(loggablePath("/api/invite/fos_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg/accept")).toBe("/api/invite/:redacted/accept");
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, login, seedWorkspace } from "./test/fixtures";
import { mutatingRoutes, routes } from "./test/route-table";

/** Everything the API can change, to prove a rejected request changed nothing. */
async function snapshot(): Promise<string> {
  const tables = ["identities", "workspaces", "memberships", "invitations", "sessions"];
  const parts = await Promise.all(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
  const tokens = await env.DB.prepare("SELECT id, name, scopes, revoked_at, expires_at FROM api_tokens ORDER BY id").all();
  return JSON.stringify([...parts.map((p) => p.results), tokens.results]);
}

describe("workspace isolation", () => {
  it("answers 404 or 403 on every route to another workspace's ids, for a token and a session", async () => {
    const a = await seedWorkspace("A");
    const b = await seedWorkspace("B");
    const tokenId = (await env.DB.prepare("SELECT id FROM api_tokens WHERE workspace_id = ?1").bind(a.workspace.id).first<{ id: string }>())!.id;
    const cookie = await login(b.owner.email, b.owner.password);
    const before = await snapshot();
    for (const route of routes({ ws: a.workspace.id, identity: a.owner.id, tokenId })) {
      for (const auth of [{ token: b.owner.token }, { cookie }]) {
        const r = await call(route.path, { ...auth, method: route.method, body: route.body });
        expect([403, 404], `${route.method} ${route.path} with ${Object.keys(auth)[0]}`).toContain(r.status);
        expect(r.body.error.code).toMatch(/^(not_found|forbidden)$/);
      }
    }
    expect((await call(`/api/auth/whoami?workspace=${a.workspace.id}`, { cookie })).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it("gives the same 404 for another workspace's id as for an id that does not exist", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    const theirs = await call(`/api/workspaces/${a.workspace.id}/members`, { token: b.owner.token });
    const none = await call(`/api/workspaces/ws_doesnotexist0000/members`, { token: b.owner.token });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
  });
});

describe("bad input", () => {
  it("answers 400 invalid_json, 400 with field paths, or 413 on every mutating route, changing nothing", async () => {
    const { owner, workspace } = await seedWorkspace();
    const tokenId = (await env.DB.prepare("SELECT id FROM api_tokens WHERE workspace_id = ?1").bind(workspace.id).first<{ id: string }>())!.id;
    const before = await snapshot();
    for (const route of mutatingRoutes({ ws: workspace.id, identity: owner.id, tokenId })) {
      const at = `${route.method} ${route.path}`;
      const malformed = await call(route.path, { token: owner.token, method: route.method, raw: "{not json" });
      expect(malformed.status, at).toBe(400);
      expect(malformed.body.error.code, at).toBe("invalid_json");

      const wrongTypes = Object.fromEntries(Object.keys(route.body!).map((k) => [k, 12345]));
      const typed = await call(route.path, { token: owner.token, method: route.method, body: wrongTypes });
      expect(typed.status, at).toBe(400);
      expect(typed.body.error.details.length, at).toBeGreaterThan(0);
      expect(typed.body.error.details[0], at).toHaveProperty("path");

      const huge = await call(route.path, { token: owner.token, method: route.method, body: { ...route.body, pad: "x".repeat(1_100_000) } });
      expect(huge.status, at).toBe(413);
      expect(huge.body.error.code, at).toBe("payload_too_large");
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers unknown API routes with the JSON 404 shape", async () => {
    const r = await call("/api/nothing-here");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: "not_found", message: "no route for GET /api/nothing-here" } });
  });
});

import { SELF, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addPerson, call, login, seedWorkspace } from "../test/fixtures";

describe("login and sessions", () => {
  it("signs in, answers whoami from the cookie, and logs out server-side", async () => {
    const { owner, workspace } = await seedWorkspace();
    const r = await call("/api/auth/login", { body: { email: owner.email, password: owner.password } });
    expect(r.status).toBe(200);
    expect(r.body.workspace).toEqual(workspace);
    const setCookie = r.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/fos_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0]!;

    const me = await call("/api/auth/whoami", { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ identity: { id: owner.id, type: "human" }, workspace, role: "owner" });

    expect((await call("/api/auth/logout", { cookie, method: "POST" })).status).toBe(200);
    expect((await call("/api/auth/whoami", { cookie })).status).toBe(401);
  });

  it("marks the session cookie Secure when served over https", async () => {
    const { owner } = await seedWorkspace();
    const res = await SELF.fetch("https://frameos.test/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });

  it("rejects a wrong password with 401 invalid_credentials and audits the attempt", async () => {
    const { owner } = await seedWorkspace();
    const r = await call("/api/auth/login", { body: { email: owner.email, password: "not-the-password" } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("invalid_credentials");
    const row = await env.DB.prepare("SELECT action FROM audit_log WHERE action = 'auth.login_failed' AND details LIKE ?1").bind(`%${owner.email}%`).first();
    expect(row).not.toBeNull();
  });

  it("rate limits login attempts per email with 429 and Retry-After", async () => {
    const { owner } = await seedWorkspace();
    let last = 0;
    let retry: string | null = null;
    for (let i = 0; i < 11; i++) {
      const r = await call("/api/auth/login", { body: { email: owner.email, password: "wrong-password" }, headers: { "cf-connecting-ip": `10.9.9.${i}` } });
      last = r.status;
      retry = r.headers.get("retry-after");
    }
    expect(last).toBe(429);
    expect(Number(retry)).toBeGreaterThan(0);
  });

  it("rate limits login attempts per client address", async () => {
    let last = 0;
    for (let i = 0; i < 51; i++) {
      last = (await call("/api/auth/login", { body: { email: `nobody${i}@example.test`, password: "x" }, headers: { "cf-connecting-ip": "203.0.113.7" } })).status;
    }
    expect(last).toBe(429);
  });

  it("answers 401 for a malformed Authorization header or an unknown token", async () => {
    expect((await call("/api/auth/whoami", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await call("/api/auth/whoami", { token: "fos_nope" })).status).toBe(401);
    expect((await call("/api/auth/whoami")).body.error.code).toBe("unauthorized");
  });
});

describe("API tokens", () => {
  it("creates a token shown once, stores only its hash, and lets it act as the identity", async () => {
    const { owner, workspace } = await seedWorkspace();
    const r = await call("/api/auth/token", { token: owner.token, body: { name: "ci", scopes: ["read"] } });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^fos_/);
    const stored = await env.DB.prepare("SELECT * FROM api_tokens WHERE id = ?1").bind(r.body.id).first<Record<string, string>>();
    expect(JSON.stringify(stored)).not.toContain(r.body.token);
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const me = await call("/api/auth/whoami", { token: r.body.token });
    expect(me.body).toMatchObject({ identity: { id: owner.id }, workspace, role: "viewer" });

    const list = await call(`/api/auth/tokens`, { token: owner.token });
    const listed = list.body.tokens.find((t: { id: string }) => t.id === r.body.id);
    expect(listed).toMatchObject({ name: "ci", scopes: ["read"], revoked_at: null });
    expect(JSON.stringify(list.body)).not.toContain(r.body.token);
  });

  it("revokes a token so it gets 401, and an expired token gets 401", async () => {
    const { owner } = await seedWorkspace();
    const created = (await call("/api/auth/token", { token: owner.token, body: { name: "tmp" } })).body;
    expect((await call(`/api/auth/token/${created.id}`, { token: owner.token, method: "DELETE" })).status).toBe(200);
    expect((await call("/api/auth/whoami", { token: created.token })).status).toBe(401);

    const old = (await call("/api/auth/token", { token: owner.token, body: { name: "old", expires_in_days: 1 } })).body;
    await env.DB.prepare("UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?1").bind(old.id).run();
    expect((await call("/api/auth/whoami", { token: old.token })).status).toBe(401);
  });

  it("lets only admins create tokens, and not beyond their role", async () => {
    const { workspace } = await seedWorkspace();
    const member = await addPerson(workspace.id, "member");
    expect((await call("/api/auth/token", { token: member.token, body: { name: "x" } })).status).toBe(403);
    const admin = await addPerson(workspace.id, "admin");
    const ok = await call("/api/auth/token", { token: admin.token, body: { name: "x", scopes: ["read", "write", "admin"] } });
    expect(ok.status).toBe(201);
    expect((await call("/api/auth/whoami", { token: ok.body.token })).body.role).toBe("admin");
  });

  it("creates a token for a new AI identity that joins the workspace", async () => {
    const { owner, workspace } = await seedWorkspace();
    const r = await call("/api/auth/token", { token: owner.token, body: { name: "agent", scopes: ["read", "write"], ai_identity: { name: "Helper bot" } } });
    expect(r.status).toBe(201);
    const me = await call("/api/auth/whoami", { token: r.body.token });
    expect(me.body).toMatchObject({ identity: { name: "Helper bot", type: "ai" }, workspace, role: "member" });
  });

  it("requires workspace_id when a browser session creates a token", async () => {
    const { owner, workspace } = await seedWorkspace();
    const cookie = await login(owner.email, owner.password);
    const missing = await call("/api/auth/token", { cookie, body: { name: "x" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe("workspace_id");
    expect((await call("/api/auth/token", { cookie, body: { name: "x", workspace_id: workspace.id } })).status).toBe(201);
  });
});

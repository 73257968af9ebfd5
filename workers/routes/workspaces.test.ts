import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addPerson, call, login, seedWorkspace } from "../test/fixtures";

describe("workspaces", () => {
  it("creates a workspace from a session, owned by the creator and listed as mine", async () => {
    const { owner } = await seedWorkspace();
    const cookie = await login(owner.email, owner.password);
    const r = await call("/api/workspaces", { cookie, body: { name: "Second" } });
    expect(r.status).toBe(201);
    expect(r.body.role).toBe("owner");
    const mine = await call("/api/workspaces", { cookie });
    expect(mine.body.workspaces.map((w: { name: string }) => w.name)).toEqual(["Test workspace", "Second"]);
  });

  it("refuses workspace creation with a workspace-bound token", async () => {
    const { owner } = await seedWorkspace();
    const r = await call("/api/workspaces", { token: owner.token, body: { name: "Nope" } });
    expect(r.status).toBe(403);
  });

  it("lists only the token's own workspace for a token", async () => {
    const { owner, workspace } = await seedWorkspace();
    const r = await call("/api/workspaces", { token: owner.token });
    expect(r.body.workspaces).toEqual([expect.objectContaining({ id: workspace.id, role: "owner" })]);
  });

  it("lets only an owner delete a workspace, and deletion removes its tokens", async () => {
    const { owner, workspace } = await seedWorkspace();
    const admin = await addPerson(workspace.id, "admin");
    expect((await call(`/api/workspaces/${workspace.id}`, { token: admin.token, method: "DELETE" })).status).toBe(403);
    expect((await call(`/api/workspaces/${workspace.id}`, { token: owner.token, method: "DELETE" })).status).toBe(200);
    expect((await call("/api/auth/whoami", { token: owner.token })).status).toBe(401);
  });
});

describe("members", () => {
  it("adds an existing identity directly and invites an unknown email with a one-time link", async () => {
    const { owner, workspace } = await seedWorkspace();
    const other = await seedWorkspace();
    const added = await call(`/api/workspaces/${workspace.id}/members`, { token: owner.token, body: { email: other.owner.email, role: "member" } });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ identity: { id: other.owner.id }, role: "member" });

    const invited = await call(`/api/workspaces/${workspace.id}/members`, { token: owner.token, body: { email: "New.Person@Example.test", role: "viewer" } });
    expect(invited.status).toBe(201);
    const { accept_url, email } = invited.body.invitation;
    expect(email).toBe("new.person@example.test");
    const secret = accept_url.split("/").pop();

    const info = await call(`/api/auth/invitations/${secret}`);
    expect(info.body).toMatchObject({ email, role: "viewer", workspace });
    const accepted = await call(`/api/auth/invitations/${secret}/accept`, { body: { name: "New Person", password: "a-good-password" } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.role).toBe("viewer");
    const cookie = accepted.headers.get("set-cookie")!.split(";")[0]!;
    expect((await call(`/api/auth/whoami?workspace=${workspace.id}`, { cookie })).body.role).toBe("viewer");
    // One-time: the link no longer works.
    expect((await call(`/api/auth/invitations/${secret}/accept`, { body: { name: "Again", password: "a-good-password" } })).status).toBe(404);
    expect((await call("/api/auth/login", { body: { email, password: "a-good-password" } })).status).toBe(200);
  });

  it("applies the role matrix: admins manage members and viewers, only owners manage admins", async () => {
    const { owner, workspace } = await seedWorkspace();
    const admin = await addPerson(workspace.id, "admin");
    const member = await addPerson(workspace.id, "member");
    const viewer = await addPerson(workspace.id, "viewer");
    const path = (id: string) => `/api/workspaces/${workspace.id}/members/${id}`;

    expect((await call(`/api/workspaces/${workspace.id}/members`, { token: viewer.token })).status).toBe(200);
    expect((await call(path(viewer.id), { token: member.token, method: "PATCH", body: { role: "member" } })).status).toBe(403);
    expect((await call(path(viewer.id), { token: admin.token, method: "PATCH", body: { role: "member" } })).status).toBe(200);
    expect((await call(path(member.id), { token: admin.token, method: "PATCH", body: { role: "admin" } })).status).toBe(403);
    expect((await call(`/api/workspaces/${workspace.id}/members`, { token: admin.token, body: { email: "x@example.test", role: "admin" } })).status).toBe(403);
    expect((await call(path(member.id), { token: owner.token, method: "PATCH", body: { role: "admin" } })).status).toBe(200);
    expect((await call(path(admin.id), { token: member.token, method: "DELETE" })).status).toBe(403);
  });

  it("never removes or demotes the last owner", async () => {
    const { owner, workspace } = await seedWorkspace();
    const path = `/api/workspaces/${workspace.id}/members/${owner.id}`;
    const demote = await call(path, { token: owner.token, method: "PATCH", body: { role: "admin" } });
    expect(demote.status).toBe(409);
    expect((await call(path, { token: owner.token, method: "DELETE" })).status).toBe(409);
    const second = await addPerson(workspace.id, "owner");
    expect((await call(path, { token: second.token, method: "PATCH", body: { role: "admin" } })).status).toBe(200);
  });

  it("revokes a removed member's tokens in that workspace", async () => {
    const { owner, workspace } = await seedWorkspace();
    const member = await addPerson(workspace.id, "member");
    expect((await call(`/api/workspaces/${workspace.id}/members/${member.id}`, { token: owner.token, method: "DELETE" })).status).toBe(200);
    expect((await call("/api/auth/whoami", { token: member.token })).status).toBe(401);
  });

  it("writes an audit row with actor, identity type and request id for each mutation", async () => {
    const { owner, workspace } = await seedWorkspace();
    const r = await call(`/api/workspaces/${workspace.id}/members`, { token: owner.token, body: { email: "audit@example.test", role: "member" } });
    const row = await env.DB.prepare("SELECT * FROM audit_log WHERE workspace_id = ?1 AND action = 'member.invite'").bind(workspace.id).first<Record<string, string>>();
    expect(row).toMatchObject({ actor_id: owner.id, actor_type: "human", request_id: r.headers.get("x-request-id") });
  });
});

import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import type { Context } from "hono";
import { newId, newSecret, sha256Hex } from "../../lib/auth/secrets";
import * as P from "../../lib/protocol/identity";
import type { AppEnv, WorkspaceAccess } from "../context";
import { auditStatement } from "../db/audit";
import { database, isoNow } from "../db/client";
import { atLeast } from "../db/roles";
import { apiTokens, identities, invitations, memberships, workspaces, type Role } from "../db/schema";
import { addMember, memberOf, membersOf, ownerCount, pendingInvitations, workspacesOf } from "../db/workspaces";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { conflict, forbidden, notFound } from "../middleware/errors";
import { body, doc } from "../openapi";

const INVITATION_DAYS = 7;

/** Admins manage members and viewers; only owners grant, change or remove admin and owner roles. */
function assertCanManage(actor: WorkspaceAccess, ...roles: Role[]) {
  if (actor.role === "owner") return;
  const high = roles.find((r) => atLeast(r, "admin"));
  if (high) throw forbidden(`only an owner can manage the ${high} role`);
}

async function assertOwnerRemains(c: Context<AppEnv>, workspaceId: string, leaving: Role) {
  if (leaving === "owner" && (await ownerCount(database(c.env), workspaceId)) <= 1) {
    throw conflict("a workspace must keep at least one owner");
  }
}

export const workspacesApi = new Hono<AppEnv>()
  .get("/", doc({ summary: "The caller's workspaces", tags: ["workspaces"], response: P.WorkspaceList }), async (c) => {
    const caller = c.get("caller");
    const identity = requireIdentity(c);
    if (caller.kind === "token") {
      const access = await requireWorkspace(c, caller.workspaceId, "viewer");
      const [ws] = await database(c.env).select().from(workspaces).where(eq(workspaces.id, access.id));
      return c.json({ workspaces: [{ id: access.id, name: access.name, role: access.role, created_at: ws!.createdAt }] });
    }
    return c.json({ workspaces: await workspacesOf(database(c.env), identity.id) });
  })
  .post("/", doc({ summary: "Create a workspace; the caller becomes its owner", tags: ["workspaces"], response: P.CreatedWorkspace, status: 201 }), body(P.CreateWorkspace), async (c) => {
    const identity = requireIdentity(c);
    if (c.get("caller").kind === "token") throw forbidden("an API token is bound to one workspace; create workspaces from a signed-in session");
    const db = database(c.env);
    const ws = { id: newId("ws"), name: c.req.valid("json").name, createdBy: identity.id };
    await db.batch([
      db.insert(workspaces).values(ws),
      addMember(db, ws.id, identity.id, "owner"),
      auditStatement(c, { action: "workspace.create", workspaceId: ws.id, target: ws.id, details: { name: ws.name } }),
    ]);
    return c.json({ workspace: { id: ws.id, name: ws.name }, role: "owner" as const }, 201);
  })
  .delete("/:ws", doc({ summary: "Delete a workspace and everything in it (owner)", tags: ["workspaces"], response: P.Ok }), async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws"), "owner");
    const db = database(c.env);
    await db.batch([
      db.delete(workspaces).where(eq(workspaces.id, access.id)),
      auditStatement(c, { action: "workspace.delete", workspaceId: access.id, target: access.id, details: { name: access.name } }),
    ]);
    return c.json({ ok: true as const });
  })
  .get("/:ws/members", doc({ summary: "Members and pending invitations", tags: ["workspaces"], response: P.MemberList }), async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws"), "viewer");
    const db = database(c.env);
    const [members, invites] = await Promise.all([membersOf(db, access.id), pendingInvitations(db, access.id, isoNow())]);
    return c.json({ members, invitations: invites });
  })
  .post("/:ws/members", doc({ summary: "Add a member by email, or invite someone new", tags: ["workspaces"], response: P.Invited, status: 201 }), body(P.InviteMember), async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws"), "admin");
    const { email, role } = c.req.valid("json");
    assertCanManage(access, role);
    const db = database(c.env);
    const [existing] = await db.select({ id: identities.id }).from(identities).where(eq(identities.email, email)).limit(1);
    if (existing) {
      if (await memberOf(db, access.id, existing.id)) throw conflict(`${email} is already a member`);
      await db.batch([
        addMember(db, access.id, existing.id, role),
        auditStatement(c, { action: "member.add", workspaceId: access.id, target: existing.id, details: { email, role } }),
      ]);
      return c.json({ member: (await memberOf(db, access.id, existing.id))! }, 201);
    }
    const secret = newSecret("inv");
    const invitation = { id: newId("inv"), tokenHash: await sha256Hex(secret), workspaceId: access.id, email, role, invitedBy: requireIdentity(c).id, expiresAt: isoNow(INVITATION_DAYS * 86_400_000) };
    await db.batch([
      db.delete(invitations).where(and(eq(invitations.workspaceId, access.id), eq(invitations.email, email))),
      db.insert(invitations).values(invitation),
      auditStatement(c, { action: "member.invite", workspaceId: access.id, target: invitation.id, details: { email, role } }),
    ]);
    const { id, expiresAt } = invitation;
    return c.json({ invitation: { id, email, role, expires_at: expiresAt, accept_url: `/invite/${secret}` } }, 201);
  })
  .patch("/:ws/members/:identity", doc({ summary: "Change a member's role", tags: ["workspaces"], response: P.MemberAnswer }), body(P.ChangeRole), async (c) => {
    const access = await requireWorkspace(c, c.req.param("ws"), "admin");
    const db = database(c.env);
    const target = await memberOf(db, access.id, c.req.param("identity"));
    if (!target) throw notFound("member");
    const { role } = c.req.valid("json");
    assertCanManage(access, target.role, role);
    if (role !== "owner") await assertOwnerRemains(c, access.id, target.role);
    await db.batch([
      db.update(memberships).set({ role }).where(and(eq(memberships.workspaceId, access.id), eq(memberships.identityId, target.identity.id))),
      auditStatement(c, { action: "member.role", workspaceId: access.id, target: target.identity.id, details: { from: target.role, to: role } }),
    ]);
    return c.json({ member: { ...target, role } });
  })
  .delete("/:ws/members/:identity", doc({ summary: "Remove a member (or leave)", tags: ["workspaces"], response: P.Ok }), async (c) => {
    const me = requireIdentity(c);
    const leaving = c.req.param("identity") === me.id;
    const access = await requireWorkspace(c, c.req.param("ws"), leaving ? "viewer" : "admin");
    const db = database(c.env);
    const target = await memberOf(db, access.id, c.req.param("identity"));
    if (!target) throw notFound("member");
    if (!leaving) assertCanManage(access, target.role);
    await assertOwnerRemains(c, access.id, target.role);
    const now = isoNow();
    await db.batch([
      db.delete(memberships).where(and(eq(memberships.workspaceId, access.id), eq(memberships.identityId, target.identity.id))),
      db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.workspaceId, access.id), eq(apiTokens.identityId, target.identity.id), isNull(apiTokens.revokedAt))),
      auditStatement(c, { action: leaving ? "member.leave" : "member.remove", workspaceId: access.id, target: target.identity.id }),
    ]);
    return c.json({ ok: true as const });
  });

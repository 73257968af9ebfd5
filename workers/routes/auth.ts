import { and, eq, gt, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { hashPassword, verifyPassword } from "../../lib/auth/password";
import { newId, sha256Hex } from "../../lib/auth/secrets";
import * as P from "../../lib/protocol/identity";
import type { AppEnv } from "../context";
import { auditStatement, audit } from "../db/audit";
import { database, isoNow } from "../db/client";
import { endSession, startSession } from "../db/sessions";
import { identities, invitations, workspaces } from "../db/schema";
import { addMember, workspacesOf } from "../db/workspaces";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { AppError, conflict, notFound } from "../middleware/errors";
import { clientAddress, hit } from "../middleware/rate-limit";
import { body, doc, query } from "../openapi";
import { tokens } from "./tokens";

/** Verified against when an email is unknown, so both paths cost one PBKDF2 run. */
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const LOGIN_LIMITS = { perEmail: 10, perAddress: 50, windowSeconds: 900 };

export const auth = new Hono<AppEnv>()
  .post("/login", doc({ summary: "Sign in with email and password", tags: ["auth"], response: P.WhoAmI, security: false }), body(P.Login), async (c) => {
    const { email, password } = c.req.valid("json");
    const window = LOGIN_LIMITS.windowSeconds;
    await hit(c.env, { key: `login:email:${email}`, max: LOGIN_LIMITS.perEmail, windowSeconds: window });
    await hit(c.env, { key: `login:addr:${clientAddress(c.req)}`, max: LOGIN_LIMITS.perAddress, windowSeconds: window });
    const db = database(c.env);
    const [row] = await db.select().from(identities).where(eq(identities.email, email)).limit(1);
    const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !row.passwordHash || !ok) {
      await audit(c, { action: "auth.login_failed", details: { email } });
      throw new AppError(401, "invalid_credentials", "wrong email or password");
    }
    await startSession(c, row.id);
    await audit(c, { action: "auth.login", target: row.id, actor: row });
    const [first] = await workspacesOf(db, row.id).limit(1);
    const identity = { id: row.id, name: row.name, type: row.type, email: row.email };
    return c.json({ identity, workspace: first ? { id: first.id, name: first.name } : null, role: first?.role ?? null });
  })
  .post("/logout", doc({ summary: "End the browser session", tags: ["auth"], response: P.Ok }), async (c) => {
    const caller = c.get("caller");
    if (caller.kind === "token") throw new AppError(400, "invalid_request", "API tokens are revoked with DELETE /api/auth/token/:id, not logged out");
    if (caller.kind === "session") {
      await endSession(c, caller.sessionId);
      await audit(c, { action: "auth.logout", target: caller.sessionId });
    }
    return c.json({ ok: true as const });
  })
  .get("/whoami", doc({ summary: "Who the caller is, in which workspace, with which role", tags: ["auth"], response: P.WhoAmI }), query(P.WhoAmIQuery), async (c) => {
    const caller = c.get("caller");
    const identity = requireIdentity(c);
    const wanted = caller.kind === "token" ? caller.workspaceId : c.req.valid("query").workspace;
    if (wanted) {
      const access = await requireWorkspace(c, wanted, "viewer");
      return c.json({ identity, workspace: { id: access.id, name: access.name }, role: access.role });
    }
    const [first] = await workspacesOf(database(c.env), identity.id).limit(1);
    return c.json({ identity, workspace: first ? { id: first.id, name: first.name } : null, role: first?.role ?? null });
  })
  .get("/invitations/:token", doc({ summary: "What an invitation offers", tags: ["auth"], response: P.InvitationInfo, security: false }), async (c) => {
    const { invitation, workspace } = await openInvitation(c.env, c.req.param("token"));
    return c.json({ email: invitation.email, role: invitation.role, workspace });
  })
  .post("/invitations/:token/accept", doc({ summary: "Accept an invitation: set a name and password, join, sign in", tags: ["auth"], response: P.WhoAmI, security: false }), body(P.AcceptInvitation), async (c) => {
    const { invitation, workspace } = await openInvitation(c.env, c.req.param("token"));
    const { name, password } = c.req.valid("json");
    const db = database(c.env);
    const [existing] = await db.select({ id: identities.id }).from(identities).where(eq(identities.email, invitation.email)).limit(1);
    if (existing) throw conflict("an account with this email exists; sign in and ask to be added instead");
    const identity = { id: newId("idn"), name, type: "human" as const, email: invitation.email };
    await db.batch([
      db.insert(identities).values({ ...identity, passwordHash: await hashPassword(password) }),
      addMember(db, invitation.workspaceId, identity.id, invitation.role),
      db.update(invitations).set({ acceptedAt: isoNow() }).where(eq(invitations.id, invitation.id)),
      auditStatement(c, { action: "invitation.accept", workspaceId: workspace.id, target: invitation.id, actor: identity }),
    ]);
    await startSession(c, identity.id);
    return c.json({ identity, workspace, role: invitation.role });
  })
  .route("/", tokens);

async function openInvitation(env: AppEnv["Bindings"], secret: string) {
  const [row] = await database(env)
    .select({ invitation: invitations, workspace: { id: workspaces.id, name: workspaces.name } })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(eq(invitations.tokenHash, await sha256Hex(secret)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, isoNow())))
    .limit(1);
  if (!row) throw notFound("invitation");
  return row;
}

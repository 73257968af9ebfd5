import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { newId, newSecret, sha256Hex } from "../../lib/auth/secrets";
import * as P from "../../lib/protocol/identity";
import type { AppEnv } from "../context";
import { auditStatement } from "../db/audit";
import { database, isoNow } from "../db/client";
import { atLeast, lower, scopeCap, scopesFor } from "../db/roles";
import { apiTokens, identities, type Role, type Scope } from "../db/schema";
import { addMember } from "../db/workspaces";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { forbidden, invalid, notFound } from "../middleware/errors";
import { body, doc, query } from "../openapi";

/** The role each scope needs from the person who grants it. */
const SCOPE_NEEDS: Record<Scope, Role> = { read: "viewer", write: "member", admin: "admin" };

/** The workspace a token request is about: the body's or query's, else the calling token's own. */
function targetWorkspace(caller: AppEnv["Variables"]["caller"], given: string | undefined): string {
  const id = given ?? (caller.kind === "token" ? caller.workspaceId : undefined);
  if (!id) throw invalid("workspace_id is required", [{ path: "workspace_id", message: "required for a browser session" }]);
  return id;
}

export const tokens = new Hono<AppEnv>()
  .post("/token", doc({ summary: "Create an API token (shown once)", tags: ["auth"], response: P.CreatedToken, status: 201 }), body(P.CreateToken), async (c) => {
    const input = c.req.valid("json");
    const caller = c.get("caller");
    const me = requireIdentity(c);
    const access = await requireWorkspace(c, targetWorkspace(caller, input.workspace_id), "admin");
    const scopes = [...new Set(input.scopes ?? scopesFor(access.role))].sort();
    const beyond = scopes.filter((s) => !atLeast(access.role, SCOPE_NEEDS[s]));
    if (beyond.length) throw forbidden(`your role cannot grant: ${beyond.join(", ")}`);

    const db = database(c.env);
    const secret = newSecret("fos");
    const token = {
      id: newId("tok"),
      name: input.name,
      tokenHash: await sha256Hex(secret),
      prefix: secret.slice(0, 10),
      identityId: me.id,
      workspaceId: access.id,
      scopes,
      createdBy: me.id,
      expiresAt: input.expires_in_days ? isoNow(input.expires_in_days * 86_400_000) : null,
    };
    const statements = [];
    if (input.ai_identity) {
      const ai = { id: newId("idn"), name: input.ai_identity.name, type: "ai" as const };
      token.identityId = ai.id;
      statements.push(db.insert(identities).values(ai), addMember(db, access.id, ai.id, lower(lower(scopeCap(scopes), access.role), "admin")));
    }
    await db.batch([
      ...statements,
      db.insert(apiTokens).values(token),
      auditStatement(c, { action: "token.create", workspaceId: access.id, target: token.id, details: { name: token.name, scopes, identity: token.identityId } }),
    ] as unknown as Parameters<typeof db.batch>[0]);
    return c.json(
      { id: token.id, token: secret, name: token.name, prefix: token.prefix, scopes, workspace_id: access.id, identity_id: token.identityId, expires_at: token.expiresAt },
      201,
    );
  })
  .get("/tokens", doc({ summary: "List a workspace's API tokens (never their secrets)", tags: ["auth"], response: P.TokenList }), query(P.TokenListQuery), async (c) => {
    const access = await requireWorkspace(c, targetWorkspace(c.get("caller"), c.req.valid("query").workspace_id), "admin");
    const rows = await database(c.env)
      .select({ token: apiTokens, identity: { id: identities.id, name: identities.name, type: identities.type } })
      .from(apiTokens)
      .innerJoin(identities, eq(identities.id, apiTokens.identityId))
      .where(eq(apiTokens.workspaceId, access.id))
      .orderBy(desc(apiTokens.createdAt));
    return c.json({
      tokens: rows.map(({ token: t, identity }) => ({
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        scopes: t.scopes,
        identity,
        created_at: t.createdAt,
        expires_at: t.expiresAt,
        last_used_at: t.lastUsedAt,
        revoked_at: t.revokedAt,
      })),
    });
  })
  .delete("/token/:id", doc({ summary: "Revoke an API token", tags: ["auth"], response: P.Ok }), async (c) => {
    const me = requireIdentity(c);
    const db = database(c.env);
    const [token] = await db.select().from(apiTokens).where(eq(apiTokens.id, c.req.param("id"))).limit(1);
    if (!token) throw notFound("token");
    // Anyone may revoke their own token; revoking another's needs the admin role.
    await requireWorkspace(c, token.workspaceId, token.identityId === me.id ? "viewer" : "admin");
    await db.batch([
      db.update(apiTokens).set({ revokedAt: token.revokedAt ?? isoNow() }).where(and(eq(apiTokens.id, token.id))),
      auditStatement(c, { action: "token.revoke", workspaceId: token.workspaceId, target: token.id }),
    ]);
    return c.json({ ok: true as const });
  });

import { and, eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { sha256Hex } from "../../lib/auth/secrets";
import type { AppEnv, Caller, Identity, WorkspaceAccess } from "../context";
import { database, isoNow } from "../db/client";
import { atLeast, lower, scopeCap } from "../db/roles";
import { apiTokens, identities, memberships, sessions, workspaces, type Role } from "../db/schema";
import { forbidden, notFound, unauthorized } from "./errors";

export const SESSION_COOKIE = "fos_session";
const LAST_USED_RESOLUTION_MS = 60_000;

const identityColumns = { id: identities.id, name: identities.name, type: identities.type, email: identities.email };

/** Resolves the caller from a bearer token or a session cookie; a bad credential is a 401. */
export const resolveCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("caller", await findCaller(c));
  await next();
};

async function findCaller(c: Context<AppEnv>): Promise<Caller> {
  const header = c.req.header("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized("the Authorization header must be 'Bearer <token>'");
    return tokenCaller(c, match[1]!);
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? sessionCaller(c, cookie) : { kind: "anonymous" };
}

async function tokenCaller(c: Context<AppEnv>, secret: string): Promise<Caller> {
  const db = database(c.env);
  const [row] = await db
    .select({ token: apiTokens, identity: identityColumns })
    .from(apiTokens)
    .innerJoin(identities, eq(identities.id, apiTokens.identityId))
    .where(eq(apiTokens.tokenHash, await sha256Hex(secret)))
    .limit(1);
  const now = isoNow();
  if (!row || row.token.revokedAt || (row.token.expiresAt && row.token.expiresAt <= now)) {
    throw unauthorized("the token is unknown, expired or revoked");
  }
  const last = row.token.lastUsedAt ? Date.parse(row.token.lastUsedAt) : 0;
  if (Date.now() - last > LAST_USED_RESOLUTION_MS) {
    const touch = db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id)).run();
    c.executionCtx.waitUntil(touch.then(() => undefined, () => undefined));
  }
  return {
    kind: "token",
    identity: row.identity as Identity,
    tokenId: row.token.id,
    workspaceId: row.token.workspaceId,
    scopes: row.token.scopes,
  };
}

async function sessionCaller(c: Context<AppEnv>, secret: string): Promise<Caller> {
  const [row] = await database(c.env)
    .select({ session: sessions, identity: identityColumns })
    .from(sessions)
    .innerJoin(identities, eq(identities.id, sessions.identityId))
    .where(eq(sessions.tokenHash, await sha256Hex(secret)))
    .limit(1);
  if (!row || row.session.endedAt || row.session.expiresAt <= isoNow()) return { kind: "anonymous" };
  return { kind: "session", identity: row.identity as Identity, sessionId: row.session.id };
}

/** The signed-in identity, or a 401. */
export function requireIdentity(c: Context<AppEnv>): Identity {
  const caller = c.get("caller");
  if (caller.kind === "anonymous") throw unauthorized();
  return caller.identity;
}

/**
 * The caller's access to a workspace with at least `min` role. Another workspace's id (or one
 * the caller is not a member of) is a 404, so existence does not leak; a role too low is a 403.
 */
export async function requireWorkspace(c: Context<AppEnv>, workspaceId: string, min: Role): Promise<WorkspaceAccess> {
  const caller = c.get("caller");
  if (caller.kind === "anonymous") throw unauthorized();
  if (caller.kind === "token" && caller.workspaceId !== workspaceId) throw notFound("workspace");
  const [row] = await database(c.env)
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.identityId, caller.identity.id)))
    .limit(1);
  if (!row) throw notFound("workspace");
  const role = caller.kind === "token" ? lower(row.role, scopeCap(caller.scopes)) : row.role;
  if (!atLeast(role, min)) throw forbidden(`this needs the ${min} role; you have ${role}`);
  return { id: row.id, name: row.name, role };
}

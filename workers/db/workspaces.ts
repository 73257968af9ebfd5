import { and, asc, eq, isNull, gt } from "drizzle-orm";
import { database, type Db } from "./client";
import { identities, invitations, memberships, workspaces, type Role } from "./schema";

export const identityColumns = { id: identities.id, name: identities.name, type: identities.type, email: identities.email };

/** The workspaces an identity belongs to, oldest first, with its role in each. */
export function workspacesOf(db: Db, identityId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role, created_at: workspaces.createdAt })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.identityId, identityId))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
}

export async function membersOf(db: Db, workspaceId: string) {
  const rows = await db
    .select({ identity: identityColumns, role: memberships.role, joined_at: memberships.createdAt })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));
  return rows;
}

export async function memberOf(db: Db, workspaceId: string, identityId: string) {
  const [row] = await db
    .select({ identity: identityColumns, role: memberships.role, joined_at: memberships.createdAt })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.identityId, identityId)))
    .limit(1);
  return row;
}

export function pendingInvitations(db: Db, workspaceId: string, now: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, created_at: invitations.createdAt, expires_at: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt));
}

export async function ownerCount(db: Db, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ id: memberships.identityId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return rows.length;
}

export function addMember(db: Db, workspaceId: string, identityId: string, role: Role) {
  return db.insert(memberships).values({ workspaceId, identityId, role });
}

export { database };

import { ROLES, type Role, type Scope } from "./schema";

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const atLeast = (role: Role, min: Role) => RANK[role] >= RANK[min];
export const lower = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

/** The highest role a token's scopes allow: read → viewer, write → member, admin → owner. */
export function scopeCap(scopes: readonly Scope[]): Role {
  if (scopes.includes("admin")) return "owner";
  if (scopes.includes("write")) return "member";
  return "viewer";
}

/** The scopes that match a role, used as a default when a token is created without scopes. */
export function scopesFor(role: Role): Scope[] {
  if (atLeast(role, "admin")) return ["read", "write", "admin"];
  if (atLeast(role, "member")) return ["read", "write"];
  return ["read"];
}

export { ROLES };

import type { InviteResult, Invitation, Member, Role } from "../../lib/api";

export const ROLES: readonly Role[] = ["owner", "admin", "member", "viewer"];

const RANK: Record<Role, number> = { owner: 0, admin: 1, member: 2, viewer: 3 };

/** Owners first, then admins, members, viewers; by name inside a role. */
export function sortMembers(list: readonly Member[]): Member[] {
  return [...list].sort(
    (a, b) => RANK[a.role] - RANK[b.role] || a.identity.name.localeCompare(b.identity.name, undefined, { sensitivity: "base" }),
  );
}

/** Roles the viewer may hand out: owners any role, admins any but owner, others none. */
export function assignableRoles(viewer: Role | null | undefined): Role[] {
  if (viewer === "owner") return [...ROLES];
  if (viewer === "admin") return ROLES.filter((r) => r !== "owner");
  return [];
}

/** Whether the viewer's controls may touch this member (admins leave owners alone). */
export function canEditMember(viewer: Role | null | undefined, member: Member): boolean {
  if (viewer === "owner") return true;
  if (viewer === "admin") return member.role !== "owner";
  return false;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the invite form; the address is trimmed and lower-cased. */
export function validateInvite(rawEmail: string, role: string): { ok: true; email: string; role: Role } | { ok: false; message: string } {
  const email = rawEmail.trim().toLowerCase();
  if (!EMAIL.test(email)) return { ok: false, message: "Enter a valid email address." };
  if (!(ROLES as readonly string[]).includes(role)) return { ok: false, message: "Choose a role." };
  return { ok: true, email, role: role as Role };
}

export type InviteOutcome =
  | { kind: "member"; member: Member }
  | { kind: "invitation"; invitation: Invitation; acceptPath: string | null };

/** What the invite answer means for the page: an added member or a link to share. */
export function inviteOutcome(result: InviteResult): InviteOutcome {
  if ("member" in result) return { kind: "member", member: result.member };
  return { kind: "invitation", invitation: result.invitation, acceptPath: result.invitation.accept_url ?? null };
}

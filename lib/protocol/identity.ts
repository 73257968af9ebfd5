import { z } from "zod";

export const Role = z.enum(["viewer", "member", "admin", "owner"]);
export const Scope = z.enum(["read", "write", "admin"]);
export const IdentityType = z.enum(["human", "ai", "system"]);

const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const Name = z.string().trim().min(1).max(100);
/** Passwords: 8 to 200 characters. */
const Password = z.string().min(8, "must be at least 8 characters").max(200);
const Iso = z.string();

export const IdentityView = z.object({ id: z.string(), name: z.string(), type: IdentityType, email: z.string().nullable() });
export const WorkspaceRef = z.object({ id: z.string(), name: z.string() });

export const Login = z.object({ email: Email, password: z.string().min(1).max(200) });
export const WhoAmI = z.object({ identity: IdentityView, workspace: WorkspaceRef.nullable(), role: Role.nullable() });
export const WhoAmIQuery = z.object({ workspace: z.string().max(64).optional() });

export const CreateToken = z.object({
  workspace_id: z.string().max(64).optional(),
  name: Name,
  scopes: z.array(Scope).min(1).max(3).optional(),
  expires_in_days: z.number().int().min(1).max(3650).optional(),
  ai_identity: z.object({ name: Name }).optional(),
});
export const CreatedToken = z.object({
  id: z.string(),
  token: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(Scope),
  workspace_id: z.string(),
  identity_id: z.string(),
  expires_at: Iso.nullable(),
});
export const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(Scope),
  identity: IdentityView.omit({ email: true }),
  created_at: Iso,
  expires_at: Iso.nullable(),
  last_used_at: Iso.nullable(),
  revoked_at: Iso.nullable(),
});
export const TokenList = z.object({ tokens: z.array(TokenView) });
export const TokenListQuery = z.object({ workspace_id: z.string().max(64).optional() });

export const CreateWorkspace = z.object({ name: Name });
export const WorkspaceView = WorkspaceRef.extend({ role: Role, created_at: Iso });
export const WorkspaceList = z.object({ workspaces: z.array(WorkspaceView) });
export const CreatedWorkspace = z.object({ workspace: WorkspaceRef, role: Role });

export const MemberView = z.object({ identity: IdentityView, role: Role, joined_at: Iso });
export const InvitationView = z.object({ id: z.string(), email: z.string(), role: Role, created_at: Iso, expires_at: Iso });
export const MemberList = z.object({ members: z.array(MemberView), invitations: z.array(InvitationView) });
export const InviteMember = z.object({ email: Email, role: Role });
export const Invited = z.union([
  z.object({ member: MemberView }),
  z.object({ invitation: InvitationView.omit({ created_at: true }).extend({ accept_url: z.string() }) }),
]);
export const ChangeRole = z.object({ role: Role });
export const MemberAnswer = z.object({ member: MemberView });
export const InvitationInfo = z.object({ email: z.string(), role: Role, workspace: WorkspaceRef });
export const AcceptInvitation = z.object({ name: Name, password: Password });

export const Ok = z.object({ ok: z.literal(true) });

import type { Role, WorkspaceSummary } from "../lib/api";

/** Workspaces sorted by name (case-insensitive), then id, without changing the input. */
export function sortWorkspaces(list: readonly WorkspaceSummary[]): WorkspaceSummary[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) || a.id.localeCompare(b.id));
}

/** A trimmed workspace name, or an error message for the form. */
export function validateWorkspaceName(raw: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.trim();
  if (!name) return { ok: false, message: "Give the workspace a name." };
  if (name.length > 80) return { ok: false, message: "Keep the name under 80 characters." };
  return { ok: true, name };
}

/** Owners and admins manage members and tokens. */
export function canManage(role: Role | null | undefined): boolean {
  return role === "owner" || role === "admin";
}

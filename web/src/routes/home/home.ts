import type { WorkspaceSummary } from "../../lib/api";

/** The workspace to open from "/": the session's, if still listed, else the first listed. */
export function pickWorkspace(sessionWorkspaceId: string | null | undefined, list: readonly WorkspaceSummary[]): string | null {
  if (sessionWorkspaceId && list.some((w) => w.id === sessionWorkspaceId)) return sessionWorkspaceId;
  return list[0]?.id ?? null;
}

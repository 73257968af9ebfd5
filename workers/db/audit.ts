import type { Context } from "hono";
import type { AppEnv } from "../context";
import { database } from "./client";
import { auditLog } from "./schema";

export interface AuditEntry {
  action: string;
  workspaceId?: string | null;
  target?: string | null;
  details?: Record<string, unknown>;
  /** Overrides the caller, e.g. for a login where the caller is still anonymous. */
  actor?: { id: string; type: "human" | "ai" | "system" };
}

/** The audit row for a mutation (who, identity type, what, when, request id), as a statement to batch or run. */
export function auditStatement(c: Context<AppEnv>, entry: AuditEntry) {
  const caller = c.get("caller");
  const actor = entry.actor ?? (caller.kind === "anonymous" ? undefined : caller.identity);
  return database(c.env)
    .insert(auditLog)
    .values({
      actorId: actor?.id ?? null,
      actorType: actor?.type ?? "anonymous",
      workspaceId: entry.workspaceId ?? null,
      action: entry.action,
      target: entry.target ?? null,
      requestId: c.get("requestId"),
      details: entry.details ?? null,
    });
}

export async function audit(c: Context<AppEnv>, entry: AuditEntry): Promise<void> {
  await auditStatement(c, entry).run();
}

import type { Context } from "hono";
import type { AppEnv } from "../context";
import type { Env } from "../env";
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
  return auditStatementFor(c.env, c.get("requestId"), { ...entry, actor: entry.actor ?? (caller.kind === "anonymous" ? undefined : caller.identity) });
}

/** The same row outside a request (a queue consumer, an alarm): the request id names what acted. */
export function auditStatementFor(env: Env, requestId: string, entry: AuditEntry) {
  return database(env)
    .insert(auditLog)
    .values({
      actorId: entry.actor?.id ?? null,
      actorType: entry.actor?.type ?? "anonymous",
      workspaceId: entry.workspaceId ?? null,
      action: entry.action,
      target: entry.target ?? null,
      requestId,
      details: entry.details ?? null,
    });
}

export async function audit(c: Context<AppEnv>, entry: AuditEntry): Promise<void> {
  await auditStatement(c, entry).run();
}

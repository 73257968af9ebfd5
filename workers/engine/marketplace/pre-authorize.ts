import type { Env } from "../../env";

/** What pre-authorization needs to know about a run (the agent_executions row and its agent's price). */
export interface ExecutionToAuthorize {
  id: string;
  agentId: string;
  identityId: string;
  workspaceId: string;
  pricingModel: "free" | "per_execution";
  priceAmount: number;
  currency: string;
}

export type PreAuthorization =
  | { ok: true; queue: "paid" | "free" }
  | { ok: false; status: 400 | 402 | 403 | 409 | 422 | 429 | 503; code: string; message: string; details?: unknown };

/**
 * The step between "authorizing" and "queued". The default sends free agents to the free
 * queue and per-execution agents to the paid queue without charging anything; the payments
 * issue replaces it with a purchase intent and mandate check.
 */
export async function preAuthorize(_env: Env, execution: ExecutionToAuthorize): Promise<PreAuthorization> {
  return { ok: true, queue: execution.pricingModel === "free" ? "free" : "paid" };
}

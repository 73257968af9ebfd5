import type { Env } from "../../env";
import { authorizeExecution } from "../payments/authorize";

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
 * The step between "authorizing" and "queued". Free agents go to the free queue; a priced run
 * gets a purchase intent and a signed mandate holding its price (402 with the shortfall when
 * the wallet is short) and then goes to the paid queue — see workers/engine/payments.
 */
export async function preAuthorize(env: Env, execution: ExecutionToAuthorize): Promise<PreAuthorization> {
  return authorizeExecution(env, execution);
}

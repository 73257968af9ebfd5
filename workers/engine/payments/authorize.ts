import type { ExecutionToAuthorize, PreAuthorization } from "../marketplace/pre-authorize";
import type { PaymentsEnv } from "./config";
import { PaymentError } from "./errors";
import { createMandate, createPurchaseIntent, mandateForExecution } from "./mandates";

/** Mandates created before their execution existed (x402 at /api/payments/execute), waiting to be linked, by `identity:deployment`. */
const prepared = new Map<string, string>();

/** Hands a mandate to the next execution this identity starts for this deployment in this isolate (the x402 execute path). */
export function prepareMandate(identityId: string, deploymentId: string, mandateId: string): () => void {
  const key = `${identityId}:${deploymentId}`;
  prepared.set(key, mandateId);
  return () => {
    if (prepared.get(key) === mandateId) prepared.delete(key);
  };
}

/**
 * The payments step of pre-authorization: free agents go to the free queue untouched; a priced
 * run gets a purchase intent and a mandate holding its price in the payer's wallet before it
 * may be queued. Not enough balance is a 402 with the shortfall. Safe to call again for the
 * same execution (it finds the first mandate).
 */
export async function authorizeExecution(env: PaymentsEnv, e: ExecutionToAuthorize): Promise<PreAuthorization> {
  if (e.pricingModel === "free" || e.priceAmount <= 0) return { ok: true, queue: "free" };
  const existing = await mandateForExecution(env, e.id);
  if (existing) return existing.status === "active" ? { ok: true, queue: "paid" } : refusal(new PaymentError(409, "mandate_settled", `the mandate is already ${existing.status}`));
  const row = await env.DB.prepare("SELECT deployment_id, orchestrator FROM agent_executions WHERE id = ?1").bind(e.id).first<{ deployment_id: string; orchestrator: string | null }>();
  const handed = row ? prepared.get(`${e.identityId}:${row.deployment_id}`) : undefined;
  try {
    if (handed) {
      prepared.delete(`${e.identityId}:${row!.deployment_id}`);
      await env.DB.batch([
        env.DB.prepare("UPDATE mandates SET execution_id = ?2 WHERE id = ?1 AND execution_id IS NULL").bind(handed, e.id),
        env.DB.prepare("UPDATE purchase_intents SET execution_id = ?2 WHERE id = (SELECT purchase_intent_id FROM mandates WHERE id = ?1) AND execution_id IS NULL").bind(handed, e.id),
        env.DB.prepare("UPDATE agent_executions SET mandate_id = ?2, purchase_intent_id = (SELECT purchase_intent_id FROM mandates WHERE id = ?2) WHERE id = ?1").bind(e.id, handed),
      ]);
      return { ok: true, queue: "paid" };
    }
    const intent = await createPurchaseIntent(env, {
      payer: e.identityId, identityId: e.identityId, agentId: e.agentId, deploymentId: row?.deployment_id ?? null, executionId: e.id,
      amount: e.priceAmount, currency: e.currency, provider: "ledger", orchestrator: row?.orchestrator ?? null,
    });
    await createMandate(env, intent);
    return { ok: true, queue: "paid" };
  } catch (err) {
    if (err instanceof PaymentError) return refusal(err);
    throw err;
  }
}

function refusal(err: PaymentError): PreAuthorization {
  const status = err.status === 404 || err.status === 502 ? 409 : err.status;
  return { ok: false, status, code: err.code, message: err.message, details: err.details };
}

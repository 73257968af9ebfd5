import { newId } from "../../../lib/auth/secrets";
import { captureEntries, releaseEntries } from "../../../lib/payments/ledger";
import { feeBps, isoNow, type PaymentsEnv } from "./config";
import { PaymentError } from "./errors";
import { signJws } from "./keys";
import { isUniqueViolation, postStatements } from "./ledger-store";
import { getMandate, mandateForExecution, type MandateRow } from "./mandates";
import { settleX402 } from "./x402";

export type SettleResult =
  | { outcome: "captured"; mandate_id: string; payment_id: string; receipt_id: string; amount: number; replayed: boolean }
  | { outcome: "released" | "expired"; mandate_id: string; replayed: boolean };

async function outcomeOf(env: PaymentsEnv, m: MandateRow): Promise<SettleResult> {
  if (m.status === "captured") {
    const p = await env.DB.prepare("SELECT p.id, p.amount, r.id AS receipt_id FROM payments p JOIN receipts r ON r.payment_id = p.id WHERE p.mandate_id = ?1")
      .bind(m.id)
      .first<{ id: string; amount: number; receipt_id: string }>();
    if (!p) throw new Error(`mandate ${m.id} is captured without a payment`);
    return { outcome: "captured", mandate_id: m.id, payment_id: p.id, receipt_id: p.receipt_id, amount: p.amount, replayed: true };
  }
  if (m.status === "released" || m.status === "expired") return { outcome: m.status, mandate_id: m.id, replayed: true };
  throw new Error(`mandate ${m.id} is still ${m.status}`);
}

/**
 * Captures a mandate: the amount (at most what was held; the rest goes back) is split into
 * developer, platform (with the rail fee) and orchestrator, recorded as a Payment with a
 * signed Receipt, and written onto the execution — all in one D1 batch keyed `settle:<mandate>`,
 * so a replay, a retry or a racing release can never settle the same mandate twice.
 */
export async function captureMandate(env: PaymentsEnv, mandateId: string, o: { amount?: number } = {}): Promise<SettleResult> {
  // One read: the mandate with its intent's orchestrator and the agent's developer.
  const row = await env.DB.prepare(
    `SELECT m.*, i.orchestrator, a.id AS agent_id, a.slug AS agent_slug, a.name AS agent_name, a.developer_id
       FROM mandates m LEFT JOIN purchase_intents i ON i.id = m.purchase_intent_id LEFT JOIN agent_definitions a ON a.id = i.agent_id
      WHERE m.id = ?1`,
  )
    .bind(mandateId)
    .first<MandateRow & { orchestrator: string | null; agent_id: string | null; agent_slug: string; agent_name: string; developer_id: string }>();
  if (!row) throw new PaymentError(404, "not_found", "mandate not found");
  const m: MandateRow = row;
  if (m.status !== "active") return outcomeOf(env, m);
  if (!row.agent_id) throw new Error(`mandate ${m.id}: its purchase intent or agent is gone`);
  const agent = { id: row.agent_id, slug: row.agent_slug, name: row.agent_name, developer_id: row.developer_id };
  const intent = { orchestrator: row.orchestrator };
  const amount = o.amount ?? m.amount;
  const { entries, split } = captureEntries({
    currency: m.currency, payer: m.payer, held: m.amount, amount, refundTo: m.source_account,
    developer: agent.developer_id, orchestrator: intent.orchestrator, provider: m.provider, feeBps: feeBps(env, m.provider),
  });
  // An outside rail settles first (x402: at the facilitator, once, remembered per mandate); the ledger follows.
  const providerRef = m.provider === "x402" ? await settleX402(env, m, amount) : null;
  const paymentId = newId("pay");
  const receiptId = newId("rcp");
  const txId = newId("ltx");
  const capturedAt = isoNow();
  const payload = {
    receipt_id: receiptId, execution_id: m.execution_id, agent: { id: agent.id, slug: agent.slug, name: agent.name },
    amount, currency: m.currency, split: { developer: split.developer, platform: split.platform, orchestrator: split.orchestrator },
    fee: split.fee, captured_at: capturedAt, mandate_id: m.id, payment_id: paymentId, payer: m.payer, provider: m.provider,
  };
  const { jws, kid } = await signJws(env, payload);
  const db = env.DB;
  const statements = [
    ...postStatements(db, { id: txId, kind: "capture", key: `settle:${m.id}`, currency: m.currency, amount, mandateId: m.id, executionId: m.execution_id, memo: `run of ${agent.slug}` }, entries),
    db.prepare("UPDATE mandates SET status = 'captured', settled_at = ?2 WHERE id = ?1").bind(m.id, capturedAt),
    db.prepare(
      `INSERT INTO payments (id, mandate_id, execution_id, agent_id, developer_id, orchestrator, amount, currency, developer_share, platform_share, orchestrator_share, fee, provider, provider_ref, transaction_id, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`,
    ).bind(paymentId, m.id, m.execution_id, agent.id, agent.developer_id, intent.orchestrator, amount, m.currency, split.developer, split.platform, split.orchestrator, split.fee, m.provider, providerRef, txId, capturedAt),
    db.prepare("INSERT INTO receipts (id, payment_id, execution_id, payer, payload, jws, kid, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind(receiptId, paymentId, m.execution_id, m.payer, JSON.stringify(payload), jws, kid, capturedAt),
    db.prepare("UPDATE developers SET total_revenue = total_revenue + ?2 WHERE id = ?1").bind(agent.developer_id, split.developer),
  ];
  if (m.execution_id) statements.push(db.prepare("UPDATE agent_executions SET payment_id = ?2, receipt_id = ?3 WHERE id = ?1").bind(m.execution_id, paymentId, receiptId));
  try {
    await db.batch(statements);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return outcomeOf(env, (await getMandate(env, m.id))!);
  }
  return { outcome: "captured", mandate_id: m.id, payment_id: paymentId, receipt_id: receiptId, amount, replayed: false };
}

/** Releases a mandate's hold back to where it came from; nothing is charged. Idempotent like capture. */
export async function releaseMandate(env: PaymentsEnv, mandateId: string, reason: "released" | "expired" = "released"): Promise<SettleResult> {
  const m = await getMandate(env, mandateId);
  if (!m) throw new PaymentError(404, "not_found", "mandate not found");
  if (m.status !== "active") return outcomeOf(env, m);
  const db = env.DB;
  const at = isoNow();
  try {
    await db.batch([
      ...postStatements(db, { id: newId("ltx"), kind: reason === "expired" ? "expire" : "release", key: `settle:${m.id}`, currency: m.currency, amount: m.amount, mandateId: m.id, executionId: m.execution_id, memo: reason === "expired" ? "mandate expired unused" : "run did not succeed" },
        releaseEntries(m.currency, m.source_account, m.payer, m.amount)),
      db.prepare("UPDATE mandates SET status = ?2, settled_at = ?3 WHERE id = ?1").bind(m.id, reason, at),
      db.prepare("UPDATE x402_payments SET status = 'abandoned' WHERE mandate_id = ?1").bind(m.id),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return outcomeOf(env, (await getMandate(env, m.id))!);
  }
  return { outcome: reason, mandate_id: m.id, replayed: false };
}

/** Settlement of one finished execution: capture on success, release otherwise; free runs (no mandate) do nothing. */
export async function settleExecutionPayment(env: PaymentsEnv, executionId: string, status: "success" | "failed" | "timeout" | "cancelled"): Promise<SettleResult | null> {
  const m = await mandateForExecution(env, executionId);
  if (!m) return null;
  return status === "success" ? captureMandate(env, m.id) : releaseMandate(env, m.id);
}

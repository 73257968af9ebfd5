import { newId } from "../../../lib/auth/secrets";
import { payoutEntries } from "../../../lib/payments/ledger";
import { isoNow, payoutThreshold, type PaymentsEnv } from "./config";
import { isUniqueViolation, postStatements } from "./ledger-store";
import { captureMandate, releaseMandate, type SettleResult } from "./settle";

/** How long past its expiry a mandate whose run is still queued or running is left alone. */
const IN_FLIGHT_GRACE_MS = 24 * 3600_000;

/**
 * Minute cron: settles every active mandate past its expiry. A run that finished but was never
 * settled (the room crashed between finishing and settling) is settled by its outcome; one
 * that never ran, or a mandate never used, is expired (hold released); a run still in flight is
 * left alone for a grace day.
 */
export async function expireMandates(env: PaymentsEnv, now = Date.now()): Promise<SettleResult[]> {
  const { results } = await env.DB.prepare(
    `SELECT m.id, e.status AS run FROM mandates m LEFT JOIN agent_executions e ON e.id = m.execution_id
      WHERE m.status = 'active' AND m.expires_at <= ?1 ORDER BY m.expires_at LIMIT 200`,
  )
    .bind(isoNow(now))
    .all<{ id: string; run: string | null }>();
  const out: SettleResult[] = [];
  for (const m of results) {
    if (m.run === "success") out.push(await captureMandate(env, m.id));
    else if (m.run === "queued" || m.run === "running") {
      const late = await env.DB.prepare("SELECT expires_at FROM mandates WHERE id = ?1").bind(m.id).first<{ expires_at: string }>();
      if (late && Date.parse(late.expires_at) + IN_FLIGHT_GRACE_MS <= now) out.push(await releaseMandate(env, m.id, "expired"));
    } else if (m.run === "failed" || m.run === "timeout" || m.run === "cancelled") out.push(await releaseMandate(env, m.id));
    else out.push(await releaseMandate(env, m.id, "expired"));
  }
  return out;
}

/** Minute cron: each developer balance at or over the threshold is paid out (pending → paid_out) with a payout record. */
export async function runPayouts(env: PaymentsEnv, o: { threshold?: number } = {}): Promise<{ id: string; developer_id: string; amount: number; currency: string }[]> {
  const threshold = o.threshold ?? payoutThreshold(env);
  const { results } = await env.DB.prepare("SELECT owner, currency, balance FROM payment_accounts WHERE kind = 'developer' AND balance >= ?1 AND balance > 0 LIMIT 200")
    .bind(threshold)
    .all<{ owner: string; currency: string; balance: number }>();
  const paid: { id: string; developer_id: string; amount: number; currency: string }[] = [];
  for (const r of results) {
    const id = newId("pyo");
    const txId = newId("ltx");
    // One payout per developer, currency and balance state: the key includes the amount and the last entry, so a rerun pays nothing twice.
    const last = await env.DB.prepare("SELECT MAX(id) AS id FROM ledger_entries WHERE account_id = ?1").bind(`developer:${r.currency}:${r.owner}`).first<{ id: number }>();
    try {
      await env.DB.batch([
        ...postStatements(env.DB, { id: txId, kind: "payout", key: `payout:${r.owner}:${r.currency}:${last?.id ?? 0}`, currency: r.currency, amount: r.balance, memo: "developer payout" }, payoutEntries(r.currency, r.owner, r.balance)),
        env.DB.prepare("INSERT INTO payouts (id, developer_id, amount, currency, transaction_id) VALUES (?1, ?2, ?3, ?4, ?5)").bind(id, r.owner, r.balance, r.currency, txId),
      ]);
      paid.push({ id, developer_id: r.owner, amount: r.balance, currency: r.currency });
    } catch (err) {
      if (!isUniqueViolation(err) && !/CHECK constraint failed/i.test(String(err))) throw err;
    }
  }
  return paid;
}

/** Everything the minute cron does for payments. */
export async function paymentsCron(env: PaymentsEnv, now = Date.now()): Promise<void> {
  await expireMandates(env, now);
  await runPayouts(env);
}

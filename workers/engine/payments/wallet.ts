import { newId } from "../../../lib/auth/secrets";
import { account, topUpEntries } from "../../../lib/payments/ledger";
import { isAmount, isCurrency } from "../../../lib/payments/money";
import type { PaymentsEnv, Provider } from "./config";
import { PaymentError } from "./errors";
import { balanceOf, isUniqueViolation, postStatements } from "./ledger-store";

export interface WalletView {
  identity: string;
  currency: string;
  balance: number;
  held: number;
  entries: { transaction_id: string; kind: string; account: "wallet" | "hold"; amount: number; memo: string | null; mandate_id: string | null; execution_id: string | null; created_at: string }[];
}

/** A wallet's spendable balance, what is held for running mandates, and its latest entries (newest first). */
export async function walletView(env: PaymentsEnv, identity: string, currency: string, limit = 50): Promise<WalletView> {
  const wallet = account.wallet(currency, identity);
  const hold = account.hold(currency, identity);
  const { results } = await env.DB.prepare(
    `SELECT t.id AS transaction_id, t.kind, e.account_id, e.amount, t.memo, t.mandate_id, t.execution_id, t.created_at
       FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
      WHERE e.account_id IN (?1, ?2) ORDER BY e.id DESC LIMIT ?3`,
  )
    .bind(wallet, hold, limit)
    .all<{ transaction_id: string; kind: string; account_id: string; amount: number; memo: string | null; mandate_id: string | null; execution_id: string | null; created_at: string }>();
  return {
    identity,
    currency,
    balance: await balanceOf(env.DB, wallet),
    held: await balanceOf(env.DB, hold),
    entries: results.map(({ account_id, ...r }) => ({ ...r, account: account_id === wallet ? "wallet" : "hold" })),
  };
}

/**
 * Credits a wallet from a funding account (`ledger` for admin grants, `stripe` for card
 * top-ups). `key` makes it idempotent: the same key credits once and returns the first transaction.
 */
export async function topUp(
  env: PaymentsEnv,
  t: { identity: string; amount: number; currency: string; provider?: Provider; key?: string; actor?: string | null; memo?: string },
): Promise<{ transaction_id: string; replayed: boolean }> {
  if (!isCurrency(t.currency)) throw new PaymentError(400, "unsupported_currency", `currency must be INR or USD, got ${t.currency}`);
  if (!isAmount(t.amount) || t.amount === 0) throw new PaymentError(400, "invalid_amount", "amount must be a positive whole number of minor units");
  const provider = t.provider ?? "ledger";
  const key = `top_up:${provider}:${t.key ?? newId("k")}`;
  const id = newId("ltx");
  try {
    await env.DB.batch(
      postStatements(env.DB, { id, kind: "top_up", key, currency: t.currency, amount: t.amount, actor: t.actor, memo: t.memo ?? `top-up via ${provider}` }, topUpEntries(t.currency, t.identity, t.amount, provider)),
    );
    return { transaction_id: id, replayed: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const first = await env.DB.prepare("SELECT id FROM ledger_transactions WHERE idempotency_key = ?1").bind(key).first<{ id: string }>();
    if (!first) throw err;
    return { transaction_id: first.id, replayed: true };
  }
}

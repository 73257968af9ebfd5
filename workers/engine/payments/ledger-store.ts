import { accountKind, assertBalanced, compact, type Entry } from "../../../lib/payments/ledger";

export interface PostedTransaction {
  id: string;
  kind: "top_up" | "hold" | "capture" | "release" | "expire" | "payout";
  /** Unique: a second post with the same key fails the whole batch (that is how replays are refused). */
  key: string;
  currency: string;
  amount: number;
  mandateId?: string | null;
  executionId?: string | null;
  actor?: string | null;
  memo?: string | null;
}

const ownerOf = (id: string) => {
  const parts = id.split(":");
  return parts.length > 2 ? parts.slice(2).join(":") : null;
};

/**
 * The statements that post one balanced transaction: the transaction row (unique key), any
 * new accounts, the entries, and the cached balances. Run them inside one `DB.batch` with the
 * rest of the step so it all commits or nothing does; a non-negative account going below
 * zero fails the CHECK and rolls the batch back.
 */
export function postStatements(db: D1Database, tx: PostedTransaction, entries: readonly Entry[]): D1PreparedStatement[] {
  const rows = compact(entries);
  assertBalanced(rows);
  const statements = [
    db.prepare(
      `INSERT INTO ledger_transactions (id, kind, idempotency_key, currency, amount, mandate_id, execution_id, actor, memo)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
    ).bind(tx.id, tx.kind, tx.key, tx.currency, tx.amount, tx.mandateId ?? null, tx.executionId ?? null, tx.actor ?? null, tx.memo ?? null),
  ];
  if (rows.length === 0) return statements;
  const accountsSql = rows.map((_, i) => `(?${i * 4 + 1}, ?${i * 4 + 2}, ?${i * 4 + 3}, ?${i * 4 + 4})`).join(", ");
  const accountArgs = rows.flatMap((e) => [e.account, accountKind(e.account), tx.currency, ownerOf(e.account)]);
  const entriesSql = rows.map((_, i) => `(?1, ?${i * 2 + 2}, ?${i * 2 + 3})`).join(", ");
  const entryArgs = rows.flatMap((e) => [e.account, e.amount]);
  statements.push(
    db.prepare(`INSERT OR IGNORE INTO payment_accounts (id, kind, currency, owner) VALUES ${accountsSql}`).bind(...accountArgs),
    db.prepare(`INSERT INTO ledger_entries (transaction_id, account_id, amount) VALUES ${entriesSql}`).bind(tx.id, ...entryArgs),
    db.prepare(
      `UPDATE payment_accounts
          SET balance = balance + (SELECT SUM(e.amount) FROM ledger_entries e WHERE e.transaction_id = ?1 AND e.account_id = payment_accounts.id),
              updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
        WHERE id IN (SELECT account_id FROM ledger_entries WHERE transaction_id = ?1)`,
    ).bind(tx.id),
  );
  return statements;
}

export async function balanceOf(db: D1Database, accountId: string): Promise<number> {
  const row = await db.prepare("SELECT balance FROM payment_accounts WHERE id = ?1").bind(accountId).first<{ balance: number }>();
  return row?.balance ?? 0;
}

/** True when an error is SQLite refusing a duplicate (a replay) — D1 reports it in the message. */
export const isUniqueViolation = (err: unknown) => /UNIQUE constraint failed/i.test(String(err));
/** True when an error is the non-negative balance CHECK (not enough money). */
export const isBalanceViolation = (err: unknown) => /CHECK constraint failed/i.test(String(err));

/** Ledger health: the sum of all entries per currency (0 when balanced) and transactions whose entries do not sum to 0. */
export async function ledgerCheck(db: D1Database): Promise<{ totals: Record<string, number>; unbalanced: string[]; drift: string[] }> {
  const totals = await db.prepare("SELECT a.currency, SUM(e.amount) AS total FROM ledger_entries e JOIN payment_accounts a ON a.id = e.account_id GROUP BY a.currency").all<{ currency: string; total: number }>();
  const unbalanced = await db.prepare("SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING SUM(amount) != 0").all<{ transaction_id: string }>();
  const drift = await db.prepare(
    "SELECT a.id FROM payment_accounts a WHERE a.balance != COALESCE((SELECT SUM(amount) FROM ledger_entries e WHERE e.account_id = a.id), 0)",
  ).all<{ id: string }>();
  return {
    totals: Object.fromEntries(totals.results.map((r) => [r.currency, r.total])),
    unbalanced: unbalanced.results.map((r) => r.transaction_id),
    drift: drift.results.map((r) => r.id),
  };
}

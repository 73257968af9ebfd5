/** Pure helpers of the payments page (wallet, receipts, developer revenue); tested without a DOM. */

export interface WalletEntry {
  transaction_id: string;
  kind: string;
  account: "wallet" | "hold";
  amount: number;
  memo: string | null;
  execution_id: string | null;
  created_at: string;
}

export interface Wallet {
  currency: string;
  balance: number;
  held: number;
  entries: WalletEntry[];
}

export interface Receipt {
  receipt_id: string;
  execution_id: string | null;
  agent: { slug: string; name: string };
  amount: number;
  currency: string;
  captured_at: string;
  split: { developer: number; platform: number; orchestrator: number };
  fee: number;
  jws: string;
}

export interface Revenue {
  totals: { currency: string; pending: number; paid_out: number }[];
  per_agent: { agent_id: string; slug: string | null; currency: string; payments: number; developer: number }[];
  per_day: { day: string; currency: string; payments: number; developer: number }[];
}

/** Minor units for people: `money(105, "INR")` → `₹1.05`. */
export function money(amount: number, currency: string): string {
  const symbol = currency === "INR" ? "₹" : currency === "USD" ? "$" : `${currency} `;
  const abs = Math.abs(amount);
  return `${amount < 0 ? "−" : ""}${symbol}${Math.floor(abs / 100).toLocaleString("en-IN")}.${String(abs % 100).padStart(2, "0")}`;
}

const LABELS: Record<string, string> = { top_up: "Top-up", hold: "Hold for a run", capture: "Run paid", release: "Hold released", expire: "Hold expired", payout: "Payout" };

/** One history line per wallet entry; holds show as moves between spendable and held. */
export function historyLine(e: WalletEntry, currency: string): { label: string; amount: string; sign: "in" | "out" | "held" } {
  const label = LABELS[e.kind] ?? e.kind;
  if (e.account === "hold") return { label: `${label} (held)`, amount: money(e.amount, currency), sign: "held" };
  return { label, amount: money(e.amount, currency), sign: e.amount >= 0 ? "in" : "out" };
}

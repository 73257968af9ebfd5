/**
 * The double-entry ledger's pure part: account names, the entries of each kind of
 * transaction, and the invariants. Amounts are signed integer minor units; an account's
 * balance is the sum of its entries; every transaction's entries sum to zero.
 */
import { splitAmount, type Split } from "./money";

export interface Entry {
  account: string;
  amount: number;
}

/** Account ids are `kind:currency[:owner]`, so no lookup is needed to name one. */
export const account = {
  wallet: (currency: string, identity: string) => `wallet:${currency}:${identity}`,
  hold: (currency: string, payer: string) => `hold:${currency}:${payer}`,
  developer: (currency: string, developer: string) => `developer:${currency}:${developer}`,
  orchestrator: (currency: string, who: string) => `orchestrator:${currency}:${who}`,
  platform: (currency: string) => `platform:${currency}`,
  fee: (currency: string, provider: string) => `fee:${currency}:${provider}`,
  /** Money entering the ledger from outside: admin grants (`ledger`), card top-ups (`stripe`), x402 payments. */
  funding: (currency: string, provider: string) => `funding:${currency}:${provider}`,
  /** Developer money that has left the platform (payouts). */
  payouts: (currency: string) => `payouts:${currency}`,
};

export type AccountKind = "wallet" | "hold" | "developer" | "orchestrator" | "platform" | "fee" | "funding" | "payouts";

export function accountKind(id: string): AccountKind {
  return id.slice(0, id.indexOf(":")) as AccountKind;
}

/** Account kinds whose balance may never go below zero (the rest are sources or sinks). */
export const NON_NEGATIVE: readonly AccountKind[] = ["wallet", "hold", "developer", "orchestrator"];

export class LedgerError extends Error {
  override name = "LedgerError";
  constructor(readonly code: "unbalanced" | "bad_amount" | "split_mismatch", message: string) {
    super(message);
  }
}

/** Throws unless the entries are whole numbers that sum to zero. */
export function assertBalanced(entries: readonly Entry[]): void {
  let sum = 0;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amount)) throw new LedgerError("bad_amount", `entry ${e.account} is not whole minor units: ${e.amount}`);
    sum += e.amount;
  }
  if (sum !== 0) throw new LedgerError("unbalanced", `entries sum to ${sum}, not 0`);
}

/** Merges entries per account and drops zeros (one row per account per transaction). */
export function compact(entries: readonly Entry[]): Entry[] {
  const by = new Map<string, number>();
  for (const e of entries) by.set(e.account, (by.get(e.account) ?? 0) + e.amount);
  return [...by].filter(([, amount]) => amount !== 0).map(([account, amount]) => ({ account, amount }));
}

/** Money in: `source` (a funding account) to a wallet. */
export function topUpEntries(currency: string, identity: string, amount: number, provider = "ledger"): Entry[] {
  return [
    { account: account.funding(currency, provider), amount: -amount },
    { account: account.wallet(currency, identity), amount },
  ];
}

/** A mandate's hold: from the payer's wallet (or a funding account for x402) into the payer's hold. */
export function holdEntries(currency: string, from: string, payer: string, amount: number): Entry[] {
  return [
    { account: from, amount: -amount },
    { account: account.hold(currency, payer), amount },
  ];
}

/** Release: the hold goes back where it came from (the wallet, or the funding account for x402). */
export function releaseEntries(currency: string, to: string, payer: string, amount: number): Entry[] {
  return [
    { account: account.hold(currency, payer), amount: -amount },
    { account: to, amount },
  ];
}

export interface CaptureInput {
  currency: string;
  payer: string;
  /** What was held. */
  held: number;
  /** What the outcome costs (at most `held`); the rest returns to `refundTo`. */
  amount: number;
  refundTo: string;
  developer: string;
  orchestrator: string | null;
  provider: string;
  feeBps: number;
}

/** Capture: the hold is emptied into developer, orchestrator, platform and the rail's fee; any excess is refunded. */
export function captureEntries(c: CaptureInput): { entries: Entry[]; split: Split } {
  if (c.amount > c.held) throw new LedgerError("bad_amount", `cannot capture ${c.amount} from a hold of ${c.held}`);
  const split = splitAmount(c.amount, { orchestrator: c.orchestrator !== null, feeBps: c.feeBps });
  const entries = compact([
    { account: account.hold(c.currency, c.payer), amount: -c.held },
    { account: c.refundTo, amount: c.held - c.amount },
    { account: account.developer(c.currency, c.developer), amount: split.developer },
    { account: account.platform(c.currency), amount: split.platformNet },
    { account: account.fee(c.currency, c.provider), amount: split.fee },
    ...(c.orchestrator !== null ? [{ account: account.orchestrator(c.currency, c.orchestrator), amount: split.orchestrator }] : []),
  ]);
  assertBalanced(entries);
  if (split.developer + split.platform + split.orchestrator !== c.amount) throw new LedgerError("split_mismatch", "shares do not sum to the amount paid");
  return { entries, split };
}

/** Payout: a developer's pending balance leaves the platform. */
export function payoutEntries(currency: string, developer: string, amount: number): Entry[] {
  return [
    { account: account.developer(currency, developer), amount: -amount },
    { account: account.payouts(currency), amount },
  ];
}

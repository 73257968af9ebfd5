import { describe, expect, it } from "vitest";
import { account, assertBalanced, captureEntries, holdEntries, LedgerError, payoutEntries, releaseEntries, topUpEntries, type Entry } from "./ledger";
import { CURRENCIES, MAX_AMOUNT } from "./money";
import { prng } from "../testing/prng";

const sum = (entries: readonly Entry[]) => entries.reduce((s, e) => s + e.amount, 0);

describe("ledger entries", () => {
  it("balances a top-up, hold, capture and payout, and leaves the hold empty", () => {
    const wallet = account.wallet("INR", "idn_a");
    const flow = [
      topUpEntries("INR", "idn_a", 1000),
      holdEntries("INR", wallet, "idn_a", 100),
      captureEntries({ currency: "INR", payer: "idn_a", held: 100, amount: 100, refundTo: wallet, developer: "dev_1", orchestrator: "plg_x", provider: "stripe", feeBps: 500 }).entries,
      payoutEntries("INR", "dev_1", 70),
    ];
    const balances = new Map<string, number>();
    for (const tx of flow) {
      assertBalanced(tx);
      for (const e of tx) balances.set(e.account, (balances.get(e.account) ?? 0) + e.amount);
    }
    expect(Object.fromEntries(balances)).toEqual({
      "funding:INR:ledger": -1000, [wallet]: 900, "hold:INR:idn_a": 0, "developer:INR:dev_1": 0,
      "platform:INR": 15, "fee:INR:stripe": 5, "orchestrator:INR:plg_x": 10, "payouts:INR": 70,
    });
  });

  it("release returns the hold to the wallet", () => {
    const wallet = account.wallet("USD", "idn_b");
    const entries = [...holdEntries("USD", wallet, "idn_b", 42), ...releaseEntries("USD", wallet, "idn_b", 42)];
    expect(sum(entries)).toBe(0);
  });

  it("refunds the part of a hold the outcome did not cost", () => {
    const wallet = account.wallet("INR", "idn_c");
    const { entries, split } = captureEntries({ currency: "INR", payer: "idn_c", held: 500, amount: 300, refundTo: wallet, developer: "d", orchestrator: null, provider: "ledger", feeBps: 0 });
    expect(entries).toContainEqual({ account: wallet, amount: 200 });
    expect(split).toMatchObject({ developer: 210, platform: 90, orchestrator: 0 });
  });

  it("refuses an unbalanced transaction and a capture above the hold", () => {
    expect(() => assertBalanced([{ account: "a", amount: 1 }])).toThrow(LedgerError);
    expect(() => captureEntries({ currency: "INR", payer: "p", held: 1, amount: 2, refundTo: "w", developer: "d", orchestrator: null, provider: "ledger", feeBps: 0 })).toThrow(LedgerError);
  });
});

describe("property: every capture balances and its shares sum to the amount paid", () => {
  it("holds for 20,000 random amounts, currencies, fees and orchestrators", () => {
    const random = prng(20261121);
    const currencies = Object.keys(CURRENCIES);
    const magnitudes = [100, 10_000, 1_000_000, MAX_AMOUNT];
    const failures: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const currency = currencies[Math.floor(random() * currencies.length)]!;
      const held = Math.floor(random() * (magnitudes[i % magnitudes.length]! + 1));
      const amount = random() < 0.8 ? held : Math.floor(random() * (held + 1));
      const feeBps = Math.floor(random() * 2001);
      const orchestrator = random() < 0.5 ? "orc" : null;
      const { entries, split } = captureEntries({ currency, payer: "p", held, amount, refundTo: account.wallet(currency, "p"), developer: "d", orchestrator, provider: "stripe", feeBps });
      const ok =
        sum(entries) === 0 &&
        split.developer + split.platform + split.orchestrator === amount &&
        split.fee + split.platformNet === split.platform &&
        Math.min(split.developer, split.platformNet, split.fee, split.orchestrator) >= 0 &&
        BigInt(split.developer) === (BigInt(amount) * 7n) / 10n &&
        (orchestrator !== null || split.orchestrator === 0);
      if (!ok) failures.push(`case ${i}: ${amount}/${held} ${currency} fee ${feeBps} → ${JSON.stringify(split)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

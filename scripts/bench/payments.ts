// `npm run bench -- payments [--captures N] [--transactions N]`
//
// 1. Captures per second through the engine's full capture path against real local D1:
//    the payments engine functions (purchase intent → signed mandate/hold → capture with
//    split, payment, signed JWS receipt, all in D1 batches) run in this Node process against
//    the D1 that wrangler's getPlatformProxy serves from workerd (the same SQLite the Worker
//    uses locally). No HTTP and no agent run: the run itself is the runtime bench's subject.
// 2. The pure ledger balance check over N random transactions (top-ups, holds, captures with
//    random fees and orchestrators, releases, payouts) in INR and USD: every transaction sums
//    to 0, shares sum to the amount paid, no wallet, hold or developer account goes negative,
//    and every currency's accounts sum to 0 at the end.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { account, assertBalanced, captureEntries, holdEntries, NON_NEGATIVE, accountKind, payoutEntries, releaseEntries, topUpEntries, type Entry } from "../../lib/payments/ledger";
import { ROOT } from "../dev-server";
import { prng } from "../../lib/testing/prng";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : dflt;
};
const CAPTURES = opt("--captures", 300);
const TRANSACTIONS = opt("--transactions", 100_000);

function ledgerCheckBench(n: number): void {
  const random = prng(42);
  const balances = new Map<string, number>();
  const held: { currency: string; payer: string; amount: number }[] = [];
  const post = (entries: Entry[]) => {
    assertBalanced(entries);
    for (const e of entries) {
      const next = (balances.get(e.account) ?? 0) + e.amount;
      if (next < 0 && NON_NEGATIVE.includes(accountKind(e.account))) throw new Error(`${e.account} would go negative`);
      balances.set(e.account, next);
    }
  };
  const started = performance.now();
  let captures = 0;
  for (let i = 0; i < n; i++) {
    const currency = random() < 0.7 ? "INR" : "USD";
    const payer = `idn_${Math.floor(random() * 500)}`;
    const wallet = account.wallet(currency, payer);
    const r = random();
    if (r < 0.15) post(topUpEntries(currency, payer, 1 + Math.floor(random() * 1_000_000), random() < 0.5 ? "ledger" : "stripe"));
    else if (r < 0.55) {
      const amount = 1 + Math.floor(random() * 50_000);
      if ((balances.get(wallet) ?? 0) >= amount) {
        post(holdEntries(currency, wallet, payer, amount));
        held.push({ currency, payer, amount });
      } else post(topUpEntries(currency, payer, amount));
    } else if (r < 0.9 && held.length) {
      const h = held.splice(Math.floor(random() * held.length), 1)[0]!;
      const amount = random() < 0.9 ? h.amount : Math.floor(random() * (h.amount + 1));
      const { entries, split } = captureEntries({ currency: h.currency, payer: h.payer, held: h.amount, amount, refundTo: account.wallet(h.currency, h.payer), developer: `dev_${Math.floor(random() * 50)}`, orchestrator: random() < 0.3 ? "plugin:x" : null, provider: random() < 0.5 ? "stripe" : "ledger", feeBps: Math.floor(random() * 1001) });
      if (split.developer + split.platform + split.orchestrator !== amount) throw new Error("shares do not sum to the amount");
      post(entries);
      captures++;
    } else if (held.length) {
      const h = held.pop()!;
      post(releaseEntries(h.currency, account.wallet(h.currency, h.payer), h.payer, h.amount));
    } else {
      const dev = `dev_${Math.floor(random() * 50)}`;
      const due = balances.get(account.developer(currency, dev)) ?? 0;
      post(due > 0 ? payoutEntries(currency, dev, due) : topUpEntries(currency, payer, 100));
    }
  }
  const totals = new Map<string, number>();
  for (const [id, v] of balances) totals.set(id.split(":")[1]!, (totals.get(id.split(":")[1]!) ?? 0) + v);
  const ms = performance.now() - started;
  if ([...totals.values()].some((t) => t !== 0)) throw new Error(`ledger out of balance: ${JSON.stringify([...totals])}`);
  console.log(`ledger check: ${n.toLocaleString("en")} random transactions (${captures.toLocaleString("en")} captures, ${balances.size} accounts, INR+USD) balanced in ${ms.toFixed(0)} ms — ${Math.round(n / (ms / 1000)).toLocaleString("en")} transactions/s; per-currency totals ${JSON.stringify(Object.fromEntries(totals))}`);
}

interface CaptureFigures {
  flows: number;
  totalMs: number;
  captureMs: number[];
  check: { totals: Record<string, number>; unbalanced: string[]; drift: string[] };
}

async function captureBench(n: number): Promise<void> {
  const persist = mkdtempSync(join(tmpdir(), "frameos-bench-payments-"));
  const proxy = await getPlatformProxy({ configPath: join(ROOT, "wrangler.toml"), persist: { path: persist } });
  try {
    const db = proxy.env.DB as { prepare(sql: string): { run(): Promise<unknown> } };
    const dir = join(ROOT, "migrations");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
      for (const sql of readFileSync(join(dir, file), "utf8").split("--> statement-breakpoint")) if (sql.trim()) await db.prepare(sql).run();
    }
    // Loaded at run time: the engine is Worker code, type-checked with the Worker's types.
    const engine = join(ROOT, "workers", "engine", "payments", "bench-capture.ts");
    const { benchCaptures } = (await import(engine)) as { benchCaptures(env: unknown, n: number): Promise<CaptureFigures> };
    const f = await benchCaptures(proxy.env, n);
    const sorted = [...f.captureMs].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!.toFixed(1);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    console.log(`captures (payments engine in Node → real local D1 via getPlatformProxy, sequential, no HTTP, no agent run):`);
    console.log(`  ${f.flows} intent → signed mandate/hold → capture flows in ${f.totalMs.toFixed(0)} ms: ${(f.flows / (f.totalMs / 1000)).toFixed(1)} full flows/s`);
    console.log(`  capture step alone (split, payment, signed JWS receipt, one D1 batch): ${(1000 / mean).toFixed(1)} captures/s; p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms`);
    console.log(`  ledger afterwards: totals ${JSON.stringify(f.check.totals)}, unbalanced transactions ${f.check.unbalanced.length}, cached-balance drift ${f.check.drift.length}`);
  } finally {
    await proxy.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}

ledgerCheckBench(TRANSACTIONS);
await captureBench(CAPTURES);

// The capture half of `npm run bench -- payments` (scripts/bench/payments.ts loads it at run
// time and hands it a local D1 from wrangler's getPlatformProxy).
import { ledgerCheck } from "./ledger-store";
import { createMandate, createPurchaseIntent } from "./mandates";
import { captureMandate } from "./settle";
import { topUp } from "./wallet";

export interface CaptureFigures {
  flows: number;
  totalMs: number;
  captureMs: number[];
  check: Awaited<ReturnType<typeof ledgerCheck>>;
}

/** Seeds a payer, a developer and a priced agent, then runs `n` intent → mandate → capture flows one after another. */
export async function benchCaptures(env: { DB: D1Database }, n: number): Promise<CaptureFigures> {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO identities (id, name, type) VALUES ('idn_payer', 'Payer', 'human'), ('idn_dev', 'Dev', 'human')"),
    env.DB.prepare("INSERT INTO developers (id, identity_id, email, name) VALUES ('dev_bench', 'idn_dev', 'dev@bench', 'Bench')"),
    env.DB.prepare("INSERT INTO agent_definitions (id, developer_id, slug, name, description, category, pricing_model, price_amount, currency, current_version, status) VALUES ('agt_bench', 'dev_bench', 'bench', 'Bench', 'b', 'developer', 'per_execution', 100, 'INR', '1.0.0', 'approved')"),
  ]);
  await topUp(env, { identity: "idn_payer", amount: 100 * (n + 20), currency: "INR" });
  const captureMs: number[] = [];
  const once = async (record: boolean) => {
    const intent = await createPurchaseIntent(env, { payer: "idn_payer", identityId: "idn_payer", agentId: "agt_bench", deploymentId: null, executionId: null, amount: 100, currency: "INR", provider: "ledger", orchestrator: null });
    const m = await createMandate(env, intent);
    const t = performance.now();
    const r = await captureMandate(env, m.id);
    if (record) captureMs.push(performance.now() - t);
    if (r.outcome !== "captured") throw new Error("not captured");
  };
  for (let i = 0; i < 10; i++) await once(false);
  const started = performance.now();
  for (let i = 0; i < n; i++) await once(true);
  const totalMs = performance.now() - started;
  return { flows: n, totalMs, captureMs, check: await ledgerCheck(env.DB) };
}

// Test helpers for payments (workerd tests only).
import { env } from "cloudflare:test";
import { approvedAgent, deploy, developer, platformAdmin, type Dev } from "../marketplace/fixtures";
import { call, seedWorkspace, type Person, type Seeded } from "../../test/fixtures";
import { ledgerCheck } from "./ledger-store";

export interface PricedSetup {
  dev: Dev;
  admin: Person;
  agent: { id: string; slug: string };
  user: Seeded;
  deployment: string;
}

/** A developer's approved agent at `amount` minor units, and a user workspace with a deployment of it. */
export async function pricedAgent(amount = 500, currency = "INR", code?: string): Promise<PricedSetup> {
  const dev = await developer();
  const admin = await platformAdmin();
  const agent = await approvedAgent(dev, admin, { pricing: amount > 0 ? { model: "per_execution", amount, currency } : { model: "free", amount: 0, currency } }, code);
  const user = await seedWorkspace();
  return { dev, admin, agent, user, deployment: await deploy(user.owner.token, agent.id) };
}

export async function grant(admin: Person, identity: string, amount: number, currency = "INR") {
  const r = await call("/api/payments/wallet/top-up", { token: admin.token, body: { amount, currency, identity } });
  if (r.status !== 201) throw new Error(`top-up failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export function execute(s: PricedSetup, inputs: unknown = { text: "hi" }) {
  return call(`/api/agents/${s.agent.id}/execute`, { token: s.user.owner.token, body: { deployment_id: s.deployment, inputs } });
}

export async function wallet(token: string, currency = "INR") {
  return (await call(`/api/payments/wallet?currency=${currency}`, { token })).body as { balance: number; held: number; entries: { kind: string; amount: number }[] };
}

/** The whole ledger balances: every currency sums to 0, no unbalanced transaction, cached balances match the entries. */
export async function expectBalanced(): Promise<void> {
  const check = await ledgerCheck(env.DB);
  const bad = Object.entries(check.totals).filter(([, t]) => t !== 0);
  if (bad.length || check.unbalanced.length || check.drift.length) throw new Error(`ledger out of balance: ${JSON.stringify(check)}`);
}

export async function countRows(sql: string, ...args: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...args).first<{ n: number }>();
  return row?.n ?? 0;
}

import { isoNow, type PaymentsEnv } from "./config";
import { PaymentError } from "./errors";

export interface Priced {
  agent_id: string;
  slug: string;
  developer_id: string;
  pricing_model: "free" | "per_execution";
  amount: number;
  currency: string;
  deployment_id: string | null;
  workspace_id: string | null;
}

/** An approved agent's price (by id or slug), with the deployment it would run as when one is named. */
export async function priceOf(env: PaymentsEnv, agent: string, deploymentId?: string | null): Promise<Priced> {
  const a = await env.DB.prepare("SELECT id, slug, developer_id, pricing_model, price_amount, currency, status FROM agent_definitions WHERE id = ?1 OR slug = ?1")
    .bind(agent)
    .first<{ id: string; slug: string; developer_id: string; pricing_model: "free" | "per_execution"; price_amount: number; currency: string; status: string }>();
  if (!a || a.status !== "approved") throw new PaymentError(404, "not_found", "agent not found");
  let workspace: string | null = null;
  if (deploymentId) {
    const d = await env.DB.prepare("SELECT workspace_id FROM agent_deployments WHERE id = ?1 AND agent_id = ?2 AND status = 'active'").bind(deploymentId, a.id).first<{ workspace_id: string }>();
    if (!d) throw new PaymentError(404, "not_found", "deployment not found");
    workspace = d.workspace_id;
  }
  const amount = a.pricing_model === "free" ? 0 : a.price_amount;
  return { agent_id: a.id, slug: a.slug, developer_id: a.developer_id, pricing_model: a.pricing_model, amount, currency: a.currency, deployment_id: deploymentId ?? null, workspace_id: workspace };
}

/** The most one run can cost, valid for five minutes. */
export function quoteView(p: Priced, now = Date.now()) {
  return {
    agent_id: p.agent_id, deployment_id: p.deployment_id, pricing_model: p.pricing_model, amount: p.amount, max_amount: p.amount,
    currency: p.currency, expires_at: isoNow(now + 300_000), providers: p.amount === 0 ? [] : ["ledger", "x402"],
  };
}

import type { PaymentsEnv } from "./config";

/** A developer's revenue: pending (earned, not yet paid out) and paid out per currency, totals per agent and per day. */
export async function developerRevenue(env: PaymentsEnv, developerId: string, days = 30) {
  const since = new Date(Date.now() - days * 86_400_000).toISOString();
  const db = env.DB;
  const [balances, payouts, perAgent, perDay, recent] = await Promise.all([
    db.prepare("SELECT currency, balance FROM payment_accounts WHERE kind = 'developer' AND owner = ?1").bind(developerId).all<{ currency: string; balance: number }>(),
    db.prepare("SELECT currency, SUM(amount) AS amount, COUNT(*) AS count FROM payouts WHERE developer_id = ?1 GROUP BY currency").bind(developerId).all<{ currency: string; amount: number; count: number }>(),
    db.prepare(
      `SELECT p.agent_id, a.slug, a.name, p.currency, COUNT(*) AS payments, SUM(p.amount) AS gross, SUM(p.developer_share) AS developer
         FROM payments p LEFT JOIN agent_definitions a ON a.id = p.agent_id WHERE p.developer_id = ?1 GROUP BY p.agent_id, p.currency ORDER BY developer DESC`,
    ).bind(developerId).all(),
    db.prepare(
      `SELECT substr(created_at, 1, 10) AS day, currency, COUNT(*) AS payments, SUM(amount) AS gross, SUM(developer_share) AS developer
         FROM payments WHERE developer_id = ?1 AND created_at >= ?2 GROUP BY day, currency ORDER BY day DESC`,
    ).bind(developerId, since).all(),
    db.prepare("SELECT id, developer_id, amount, currency, status, created_at FROM payouts WHERE developer_id = ?1 ORDER BY created_at DESC LIMIT 20").bind(developerId).all(),
  ]);
  const currencies = new Set([...balances.results.map((b) => b.currency), ...payouts.results.map((p) => p.currency)]);
  return {
    developer_id: developerId,
    totals: [...currencies].map((currency) => ({
      currency,
      pending: balances.results.find((b) => b.currency === currency)?.balance ?? 0,
      paid_out: payouts.results.find((p) => p.currency === currency)?.amount ?? 0,
    })),
    per_agent: perAgent.results,
    per_day: perDay.results,
    payouts: recent.results,
  };
}

/** The platform's revenue per currency and day: gross, shares, rail fees and what the platform keeps. */
export async function platformRevenue(env: PaymentsEnv, days = 30) {
  const since = new Date(Date.now() - days * 86_400_000).toISOString();
  const sums = `COUNT(*) AS payments, SUM(amount) AS gross, SUM(developer_share) AS developer, SUM(platform_share) AS platform,
                SUM(fee) AS fee, SUM(platform_share - fee) AS platform_net, SUM(orchestrator_share) AS orchestrator`;
  const [totals, perDay, accounts] = await Promise.all([
    env.DB.prepare(`SELECT currency, ${sums} FROM payments GROUP BY currency`).all(),
    env.DB.prepare(`SELECT substr(created_at, 1, 10) AS day, currency, ${sums} FROM payments WHERE created_at >= ?1 GROUP BY day, currency ORDER BY day DESC`).bind(since).all(),
    env.DB.prepare("SELECT id, kind, currency, balance FROM payment_accounts WHERE kind IN ('platform', 'fee', 'funding', 'payouts') ORDER BY id").all(),
  ]);
  return { totals: totals.results, per_day: perDay.results, accounts: accounts.results };
}

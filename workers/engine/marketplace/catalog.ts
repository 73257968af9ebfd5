import type { z } from "zod";
import type { CatalogQuery } from "../../../lib/protocol/agent";
import type { AgentItem, AgentStatus, CatalogPage, PricingModel } from "../../../lib/protocol/marketplace";
import type { Env } from "../../env";
import { ftsQuery } from "./search";

type Query = z.infer<typeof CatalogQuery>;

/** One catalog entry (lib/protocol/marketplace.ts). */
export type CatalogItem = AgentItem;

interface Row {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  pricing_model: string;
  price_amount: number;
  currency: string;
  current_version: string;
  status: string;
  total_executions: number;
  success_rate: number;
  rating: number;
  rating_count: number;
  developer_id: string;
  developer_name: string;
  created_at: string;
}

const ORDER: Record<Query["sort"], string> = {
  popular: "a.total_executions DESC, a.rating DESC, a.id",
  new: "a.created_at DESC, a.id",
  rating: "a.rating DESC, a.rating_count DESC, a.id",
  price: "a.price_amount ASC, a.id",
};

export const itemOf = (r: Row): CatalogItem => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  category: r.category,
  pricing: { model: r.pricing_model as PricingModel, amount: r.price_amount, currency: r.currency },
  current_version: r.current_version,
  status: r.status as AgentStatus,
  stats: { total_executions: r.total_executions, success_rate: r.success_rate, rating: r.rating, rating_count: r.rating_count },
  developer: { id: r.developer_id, name: r.developer_name },
  created_at: r.created_at,
});

export const SELECT_AGENT = `SELECT a.id, a.slug, a.name, a.description, a.category, a.pricing_model, a.price_amount, a.currency,
  a.current_version, a.status, a.total_executions, a.success_rate, a.rating, a.rating_count, a.created_at,
  d.id AS developer_id, d.name AS developer_name
  FROM agent_definitions a JOIN developers d ON d.id = a.developer_id`;

/**
 * One page of the catalog. Non-admins see approved agents only; admins see every status, or
 * the one they ask for. Search goes through the agents_fts index with a quoted query.
 */
export async function listAgents(env: Pick<Env, "DB">, q: Query, admin: boolean): Promise<CatalogPage> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const arg = (v: string | number) => {
    args.push(v);
    return `?${args.length}`;
  };
  if (!admin) where.push(`a.status = 'approved'`);
  else if (q.status) where.push(`a.status = ${arg(q.status)}`);
  if (q.category) where.push(`a.category = ${arg(q.category.trim().toLowerCase())}`);
  if (q.pricing_model) where.push(`a.pricing_model = ${arg(q.pricing_model)}`);
  const match = q.search ? ftsQuery(q.search) : null;
  if (q.search && !match) return { agents: [], total: 0, page: q.page, limit: q.limit };
  if (match) where.push(`a.id IN (SELECT agent_id FROM agents_fts WHERE agents_fts MATCH ${arg(match)})`);
  const clause = where.length ? ` WHERE ${where.join(" AND ")}` : "";
  const filterArgs = [...args];
  const page = `${SELECT_AGENT}${clause} ORDER BY ${ORDER[q.sort]} LIMIT ${arg(q.limit)} OFFSET ${arg((q.page - 1) * q.limit)}`;
  const [rows, count] = await env.DB.batch([
    env.DB.prepare(page).bind(...args),
    env.DB.prepare(`SELECT COUNT(*) AS n FROM agent_definitions a${clause}`).bind(...filterArgs),
  ]);
  return {
    agents: (rows!.results as Row[]).map(itemOf),
    total: (count!.results[0] as { n: number }).n,
    page: q.page,
    limit: q.limit,
  };
}

/** One agent's catalog entry by slug or id (any status; the caller decides who may see it). */
export async function findAgent(env: Pick<Env, "DB">, slugOrId: string): Promise<CatalogItem | null> {
  const row = await env.DB.prepare(`${SELECT_AGENT} WHERE a.slug = ?1 OR a.id = ?1 LIMIT 1`).bind(slugOrId).first<Row>();
  return row ? itemOf(row) : null;
}

/** Distinct categories of approved agents with counts, for the catalog's filter. */
export async function categories(env: Pick<Env, "DB">): Promise<{ category: string; count: number }[]> {
  const { results } = await env.DB.prepare(
    "SELECT category, COUNT(*) AS count FROM agent_definitions WHERE status = 'approved' GROUP BY category ORDER BY category",
  ).all<{ category: string; count: number }>();
  return results;
}

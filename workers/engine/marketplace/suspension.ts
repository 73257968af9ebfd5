/**
 * Admin suspension of an agent: it leaves the catalog for everyone but its developer and
 * platform admins, cannot be deployed or run (409 `agent_suspended`), and its runs still in
 * line are refused when they reach the ExecutionRoom. Reinstating restores the status its
 * reviewed versions give it (`approved` when one was approved, else `pending_review`).
 */
import type { SuspensionView } from "../../../lib/protocol/marketplace";
import type { Env } from "../../env";
import { conflict, notFound } from "../../middleware/errors";
import { syncSearch } from "./search";

async function agentOf(env: Pick<Env, "DB">, ref: string) {
  const agent = await env.DB.prepare("SELECT id, slug, status FROM agent_definitions WHERE id = ?1 OR slug = ?1").bind(ref).first<{ id: string; slug: string; status: string }>();
  if (!agent) throw notFound("agent");
  return agent;
}

/** Suspends an agent (409 when it already is); the reason is kept in review_reason. */
export async function suspendAgent(env: Pick<Env, "DB">, ref: string, reason: string): Promise<SuspensionView> {
  const agent = await agentOf(env, ref);
  if (agent.status === "suspended") throw conflict("the agent is already suspended");
  const res = await env.DB.prepare("UPDATE agent_definitions SET status = 'suspended', review_reason = ?2, updated_at = ?3 WHERE id = ?1 AND status != 'suspended'")
    .bind(agent.id, reason, new Date().toISOString())
    .run();
  if (!res.meta.changes) throw conflict("the agent was suspended meanwhile");
  await syncSearch(env, agent.id);
  return { agent_id: agent.id, slug: agent.slug, status: "suspended", previous_status: agent.status, reason };
}

/** Lifts a suspension (409 when the agent is not suspended). */
export async function reinstateAgent(env: Pick<Env, "DB">, ref: string, reason: string | null): Promise<SuspensionView> {
  const agent = await agentOf(env, ref);
  if (agent.status !== "suspended") throw conflict(`the agent is ${agent.status}, not suspended`);
  const approved = await env.DB.prepare("SELECT 1 AS yes FROM agent_versions WHERE agent_id = ?1 AND json_extract(scan_report, '$.review.state') = 'approved' LIMIT 1")
    .bind(agent.id)
    .first();
  const status = approved ? "approved" : "pending_review";
  const res = await env.DB.prepare("UPDATE agent_definitions SET status = ?2, review_reason = ?3, updated_at = ?4 WHERE id = ?1 AND status = 'suspended'")
    .bind(agent.id, status, reason, new Date().toISOString())
    .run();
  if (!res.meta.changes) throw conflict("the agent was reinstated meanwhile");
  await syncSearch(env, agent.id);
  return { agent_id: agent.id, slug: agent.slug, status, previous_status: "suspended", reason };
}

/** The admin's reason for a suspension, if any. */
export async function suspensionReason(env: Pick<Env, "DB">, agentId: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT review_reason FROM agent_definitions WHERE id = ?1 AND status = 'suspended'").bind(agentId).first<{ review_reason: string | null }>();
  return row?.review_reason ?? null;
}

/** The message a run of a suspended agent ends with. */
export function suspendedRunMessage(reason: string | null): string {
  return `the agent was suspended by the platform${reason ? ` (${reason})` : ""}; the run was refused`;
}

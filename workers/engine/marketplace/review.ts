import { AgentManifest, compareSemver } from "../../../lib/protocol/agent";
import type { VersionReview } from "../../../lib/protocol/marketplace";
import type { Env } from "../../env";
import { conflict, notFound } from "../../middleware/errors";
import { listingOf } from "./publish";
import { syncSearch } from "./search";
import { reviewOf } from "./versions";

/** Approving a version never lifts a suspension (only reinstating does). */
const KEEP_SUSPENDED = "CASE WHEN status = 'suspended' THEN 'suspended' ELSE 'approved' END";

export interface ReviewInput {
  decision: "approve" | "reject";
  reason?: string;
  /** The version to review; by default the highest one waiting. */
  version?: string;
  by: string;
}

/**
 * Records an admin's decision on a version waiting for review. Approving makes it the agent's
 * current version and the agent `approved` (listed in the catalog). Rejecting marks the version
 * rejected; an agent never approved becomes `rejected` with the reason, while an approved agent
 * keeps serving its current version.
 */
export async function reviewAgent(env: Pick<Env, "DB">, agentRef: string, input: ReviewInput) {
  const agent = await env.DB.prepare("SELECT id, status, current_version FROM agent_definitions WHERE id = ?1 OR slug = ?1")
    .bind(agentRef)
    .first<{ id: string; status: string; current_version: string }>();
  if (!agent) throw notFound("agent");
  const { results } = await env.DB.prepare("SELECT version, manifest, scan_report FROM agent_versions WHERE agent_id = ?1").bind(agent.id).all<{ version: string; manifest: string; scan_report: string }>();
  const versions = results.map((v) => ({ version: v.version, manifest: v.manifest, review: reviewOf(JSON.parse(v.scan_report) as Record<string, unknown>) }));
  const target = input.version
    ? versions.find((v) => v.version === input.version)
    : versions.filter((v) => v.review.state === "pending").sort((a, b) => compareSemver(a.version, b.version)).pop();
  if (!target) throw input.version ? notFound("agent version") : conflict("no version of this agent is waiting for review");
  if (target.review.state !== "pending") throw conflict(`version ${target.version} is already ${target.review.state}${target.review.by === "scanner" ? " by the scanner" : ""}`);

  const review: VersionReview = { state: input.decision === "approve" ? "approved" : "rejected", by: input.by, at: new Date().toISOString(), ...(input.reason ? { reason: input.reason } : {}) };
  const mark = env.DB.prepare(
    "UPDATE agent_versions SET scan_report = json_set(scan_report, '$.review', json(?3)) WHERE agent_id = ?1 AND version = ?2 AND json_extract(scan_report, '$.review.state') = 'pending'",
  ).bind(agent.id, target.version, JSON.stringify(review));
  const stamp = new Date().toISOString();
  let status = agent.status;
  let current = agent.current_version;
  const statements = [mark];
  if (input.decision === "approve") {
    const approvedBefore = agent.status === "approved" || agent.status === "suspended";
    if (!approvedBefore || compareSemver(target.version, agent.current_version) > 0) {
      const l = listingOf(AgentManifest.parse(JSON.parse(target.manifest)));
      current = l.currentVersion;
      statements.push(
        env.DB.prepare(
          `UPDATE agent_definitions SET status = ${KEEP_SUSPENDED}, review_reason = CASE WHEN status = 'suspended' THEN review_reason ELSE ?2 END, name = ?3, description = ?4, category = ?5, pricing_model = ?6,
             price_amount = ?7, currency = ?8, current_version = ?9, updated_at = ?10 WHERE id = ?1`,
        ).bind(agent.id, input.reason ?? null, l.name, l.description, l.category, l.pricingModel, l.priceAmount, l.currency, l.currentVersion, stamp),
      );
    } else statements.push(env.DB.prepare(`UPDATE agent_definitions SET status = ${KEEP_SUSPENDED}, updated_at = ?2 WHERE id = ?1`).bind(agent.id, stamp));
    status = agent.status === "suspended" ? "suspended" : "approved";
  } else if (agent.status !== "approved" && agent.status !== "suspended" && target.version === agent.current_version) {
    statements.push(env.DB.prepare("UPDATE agent_definitions SET status = 'rejected', review_reason = ?2, updated_at = ?3 WHERE id = ?1").bind(agent.id, input.reason ?? null, stamp));
    status = "rejected";
  }
  const [marked] = await env.DB.batch(statements);
  if (!marked!.meta.changes) throw conflict(`version ${target.version} was reviewed meanwhile`);
  await syncSearch(env, agent.id);
  return { agent_id: agent.id, version: target.version, decision: input.decision, status, current_version: current };
}

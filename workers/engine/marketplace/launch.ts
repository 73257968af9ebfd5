/**
 * Starting a run of a deployment, the one path for `POST /api/agents/:id/execute` and a
 * plugin's `agent.execute` effect: rate limit, deployment lookup, status checks, input
 * validation, then startExecution (pre-authorization and the queue).
 */
import type { Env } from "../../env";
import { AppError, conflict, notFound } from "../../middleware/errors";
import { hit } from "../../middleware/rate-limit";
import { versionOf } from "./detail";
import { startExecution, type RunCallback } from "./execute";
import { assertMatches } from "./schemas";

/** A deployment joined with its agent, as a run needs it. */
export interface DeploymentRow {
  id: string;
  workspace_id: string;
  version: string;
  status: string;
  agent_id: string;
  slug: string;
  agent_status: string;
  review_reason: string | null;
  pricing_model: "free" | "per_execution";
  price_amount: number;
  currency: string;
}

/** Counts one run against the identity's limit (100 per hour); 429 with Retry-After past it. */
export async function countRun(env: Pick<Env, "DB">, identityId: string): Promise<void> {
  await hit(env, { key: `agents:execute:${identityId}`, max: 100, windowSeconds: 3600 });
}

/** The deployment `deploymentId` of the agent `agentRef` (id or slug), whatever its workspace; null when none. */
export async function findDeployment(env: Pick<Env, "DB">, agentRef: string, deploymentId: string): Promise<DeploymentRow | null> {
  return env.DB.prepare(
    `SELECT d.id, d.workspace_id, d.version, d.status, a.id AS agent_id, a.slug, a.status AS agent_status, a.review_reason,
            a.pricing_model, a.price_amount, a.currency
       FROM agent_deployments d JOIN agent_definitions a ON a.id = d.agent_id
      WHERE d.id = ?1 AND (a.id = ?2 OR a.slug = ?2)`,
  )
    .bind(deploymentId, agentRef)
    .first<DeploymentRow>();
}

/** 409 `agent_suspended` (with the admin's reason) or 409 `conflict` when the agent cannot run now. */
export function assertRunnable(agentStatus: string, reason: string | null): void {
  if (agentStatus === "suspended") throw suspended(reason);
  if (agentStatus !== "approved") throw conflict(`the agent is ${agentStatus}; it cannot run`);
}

export function suspended(reason: string | null): AppError {
  return new AppError(409, "agent_suspended", `the agent is suspended by the platform${reason ? `: ${reason}` : ""}; it cannot be deployed or run`, reason ? { reason } : undefined);
}

export interface Launch {
  identityId: string;
  inputs: unknown;
  /** Who starts the run on the identity's behalf (`plugin:<name>/<instance>`), if anyone. */
  orchestrator?: string;
  callback?: RunCallback;
}

/**
 * Starts a run of a deployment the caller may use (the workspace check is the caller's job):
 * the deployment must be active, the agent approved (not suspended) and the inputs must match
 * the version's schema (400 with paths). Answers `{execution_id, status: "queued"}`.
 */
export async function launchRun(env: Env, dep: DeploymentRow, run: Launch): Promise<{ execution_id: string; status: "queued" }> {
  if (dep.status !== "active") throw conflict(`the deployment is ${dep.status}`);
  assertRunnable(dep.agent_status, dep.review_reason);
  const v = await versionOf(env, dep.agent_id, dep.version);
  if (!v) throw notFound("agent version");
  assertMatches(v.manifest.inputs, run.inputs, "inputs", "the inputs");
  return startExecution(env, {
    deploymentId: dep.id,
    agentId: dep.agent_id,
    version: dep.version,
    identityId: run.identityId,
    workspaceId: dep.workspace_id,
    inputs: run.inputs,
    pricingModel: dep.pricing_model,
    priceAmount: dep.price_amount,
    currency: dep.currency,
    orchestrator: run.orchestrator ?? null,
    callback: run.callback,
  });
}

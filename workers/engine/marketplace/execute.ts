import { newId } from "../../../lib/auth/secrets";
import type { Author } from "../../../durable-objects/plugin-room/types";
import type { Env } from "../../env";
import { AppError } from "../../middleware/errors";
import { preAuthorize } from "./pre-authorize";

/** The message an executions queue carries. */
export interface ExecutionMessage {
  execution_id: string;
}

export interface StartExecution {
  deploymentId: string;
  agentId: string;
  version: string;
  identityId: string;
  workspaceId: string;
  inputs: unknown;
  pricingModel: "free" | "per_execution";
  priceAmount: number;
  currency: string;
  /** Who started the run on someone's behalf (a plugin, say), if anyone. */
  orchestrator?: string | null;
  /** Where the outcome goes back to (an `agent.execute` effect), written with the execution row. */
  callback?: RunCallback;
}

/** A plugin room's `then` command waiting for the run's outcome (table agent_callbacks). */
export interface RunCallback {
  effectKey: string;
  workspaceId: string;
  plugin: string;
  instance: string;
  thenCommand: string;
  thenParams: Record<string, unknown>;
  identityId: string;
  author: Author;
  changeset: string;
}

const now = () => new Date().toISOString();

/**
 * Creates the execution (`authorizing`), runs the pre-authorization step, then marks it
 * `queued` and sends `{execution_id}` to the paid or free queue. A refused pre-authorization
 * leaves the row `failed` with the reason and throws it as an AppError; nothing is queued.
 */
export async function startExecution(env: Env, run: StartExecution): Promise<{ execution_id: string; status: "queued" }> {
  const id = newId("exe");
  const provisional = run.pricingModel === "free" ? "free" : "paid";
  const insert = env.DB.prepare(
    `INSERT INTO agent_executions (id, deployment_id, agent_id, version, identity_id, workspace_id, inputs, status, queue, orchestrator)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'authorizing', ?8, ?9)`,
  ).bind(id, run.deploymentId, run.agentId, run.version, run.identityId, run.workspaceId, JSON.stringify(run.inputs ?? null), provisional, run.orchestrator ?? null);
  const cb = run.callback;
  // One batch: a redelivered effect (same effect_key) fails here whole and starts nothing.
  if (cb) {
    await env.DB.batch([
      insert,
      env.DB.prepare(
        `INSERT INTO agent_callbacks (effect_key, execution_id, workspace_id, plugin, instance, then_command, then_params, identity_id, author, changeset)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
      ).bind(cb.effectKey, id, cb.workspaceId, cb.plugin, cb.instance, cb.thenCommand, JSON.stringify(cb.thenParams), cb.identityId, JSON.stringify(cb.author), cb.changeset),
    ]);
  } else await insert.run();
  const fail = (message: string) =>
    env.DB.prepare("UPDATE agent_executions SET status = 'failed', error_message = ?2, finished_at = ?3 WHERE id = ?1").bind(id, message, now()).run();

  const auth = await preAuthorize(env, {
    id,
    agentId: run.agentId,
    identityId: run.identityId,
    workspaceId: run.workspaceId,
    pricingModel: run.pricingModel,
    priceAmount: run.priceAmount,
    currency: run.currency,
  });
  if (!auth.ok) {
    await fail(`pre-authorization refused: ${auth.message}`);
    const details = auth.details === undefined ? { execution_id: id } : { execution_id: id, reason: auth.details };
    throw new AppError(auth.status, auth.code, auth.message, details);
  }
  await env.DB.prepare("UPDATE agent_executions SET status = 'queued', queue = ?2, queued_at = ?3 WHERE id = ?1 AND status = 'authorizing'")
    .bind(id, auth.queue, now())
    .run();
  const message: ExecutionMessage = { execution_id: id };
  try {
    await (auth.queue === "paid" ? env.EXECUTIONS_PAID : env.EXECUTIONS_FREE).send(message);
  } catch (err) {
    await fail(`could not queue the run: ${String(err)}`);
    throw new AppError(503, "queue_unavailable", "the executions queue is unavailable; try again", { execution_id: id });
  }
  return { execution_id: id, status: "queued" };
}

/** Where a queued run stands: paid runs go first, then by queue time (1 = next). */
export async function queuePosition(env: Pick<Env, "DB">, id: string): Promise<number | null> {
  const row = await env.DB.prepare(
    `SELECT 1 + (SELECT COUNT(*) FROM agent_executions o
                  WHERE o.status = 'queued' AND o.id != e.id
                    AND ((o.queue = 'paid' AND e.queue = 'free') OR (o.queue = e.queue AND o.queued_at < e.queued_at))) AS position
       FROM agent_executions e WHERE e.id = ?1 AND e.status = 'queued'`,
  )
    .bind(id)
    .first<{ position: number }>();
  return row?.position ?? null;
}

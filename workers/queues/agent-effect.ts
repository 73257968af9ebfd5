/**
 * The `agent.execute` effect: starts a marketplace run for the identity that dispatched the
 * command, in the room's workspace, through the same checks as `POST /api/agents/:id/execute`
 * (rate limit, deployment, status, inputs, pre-authorization, queue). The outcome comes back
 * later as the `then` command (workers/engine/marketplace/callbacks.ts). A run that cannot
 * start — unknown or foreign deployment, suspended agent, invalid inputs, rate limit, refused
 * payment — gets `then` at once with status `failed` and the error in the API's error shape;
 * the original command has committed already, so it is not failed after the fact.
 */
import type { Effect } from "../../durable-objects/plugin-room/command-result";
import type { Author } from "../../durable-objects/plugin-room/types";
import { auditStatementFor } from "../db/audit";
import { atLeast } from "../db/roles";
import type { Role } from "../db/schema";
import { dispatchThen, notifyCallback, type CallbackTarget, type RunResult } from "../engine/marketplace/callbacks";
import { countRun, findDeployment, launchRun } from "../engine/marketplace/launch";
import type { Env } from "../env";
import { AppError, forbidden, notFound } from "../middleware/errors";
import type { EffectMessage } from "./events";

/** An `agent.execute` message of the events queue, its author resolved (the system when none). */
export type AgentEffectMessage = Pick<EffectMessage, "room" | "token" | "index" | "changeset"> & {
  effect: Extract<Effect, { type: "agent.execute" }>;
  author: Author;
};

/** Starts the run, or reports why it could not start to `then`. Throws only on infrastructure failures (the message is retried). */
export async function performAgentExecute(env: Env, msg: AgentEffectMessage): Promise<{ execution_id: string } | { error: RunResult["error"] }> {
  const { room, effect, author } = msg;
  const effectKey = `${room.workspace}/${room.plugin}/${room.instance}/${msg.token}/${msg.index ?? 0}`;
  const existing = await env.DB.prepare("SELECT execution_id FROM agent_callbacks WHERE effect_key = ?1").bind(effectKey).first<{ execution_id: string }>();
  if (existing) return { execution_id: existing.execution_id }; // a redelivery: the run was started already
  const target: CallbackTarget = {
    workspaceId: room.workspace, plugin: room.plugin, instance: room.instance, thenCommand: effect.then.command,
    thenParams: effect.then.params, identityId: author.id, author, changeset: msg.changeset, agent: effect.agent,
  };
  try {
    await mayRun(env, room.workspace, author.id);
    await countRun(env, author.id);
    const dep = await findDeployment(env, effect.agent, effect.deployment_id);
    // Another workspace's deployment is refused exactly like a missing one.
    if (!dep || dep.workspace_id !== room.workspace) throw notFound("deployment");
    const started = await launchRun(env, dep, {
      identityId: author.id,
      inputs: effect.inputs,
      orchestrator: `plugin:${room.plugin}/${room.instance}`,
      callback: { effectKey, ...target },
    });
    await audit(env, room.workspace, author, started.execution_id, { agent: dep.slug, deployment: dep.id, plugin: room.plugin, instance: room.instance });
    return started;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const error = { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) };
    const executionId = (err.details as { execution_id?: unknown } | undefined)?.execution_id;
    const result: RunResult = { execution_id: typeof executionId === "string" ? executionId : null, status: "failed", outputs: null, error };
    // A run refused after its row was written (payment) has a callback row: deliver through it, once.
    if (result.execution_id) await notifyCallback(env, result.execution_id, result);
    else await dispatchThen(env, target, result);
    return { error };
  }
}

/** The dispatcher must still be a member (viewers cannot run agents). */
async function mayRun(env: Env, workspaceId: string, identityId: string): Promise<void> {
  const row = await env.DB.prepare("SELECT role FROM memberships WHERE workspace_id = ?1 AND identity_id = ?2").bind(workspaceId, identityId).first<{ role: Role }>();
  if (!row) throw forbidden("agent.execute runs as the identity that dispatched the command, and it is not a member of this workspace");
  if (!atLeast(row.role, "member")) throw forbidden("running an agent needs the member role");
}

async function audit(env: Env, workspaceId: string, author: { id: string; type: string }, target: string, details: Record<string, unknown>): Promise<void> {
  const type: "human" | "ai" | "system" = author.type === "human" || author.type === "ai" ? author.type : "system";
  const actor = { id: author.id, type };
  await auditStatementFor(env, `effect:${target}`, { action: "agent.execute", workspaceId, target, actor, details: { ...details, via: "agent.execute effect" } }).run();
}

/**
 * The way back from a run to the plugin that started it with an `agent.execute` effect: the
 * room's `then` command, dispatched once per run with `{ok, execution_id, status, outputs,
 * error}` merged into its params, as a `system` command in the effect's changeset, written by
 * the identity that dispatched the effect, with `Agent` and `Agent-Execution` history trailers.
 */
import type { JsonValue } from "../../../lib/protocol/events";
import type { Role } from "../../db/schema";
import { dispatchBatch } from "../dispatch";
import type { RunCallback } from "./execute";
import { isFinal, type FinalExecutionStatus } from "./run-records";
import type { Env } from "../../env";

export interface RunResult {
  execution_id: string | null;
  status: FinalExecutionStatus;
  outputs: unknown;
  error: { code: string; message: string; details?: unknown } | null;
}

/** Where a result goes: a row of agent_callbacks, or the effect itself when no run was started. */
export type CallbackTarget = Omit<RunCallback, "effectKey"> & { agent: string };

interface Row {
  effect_key: string;
  workspace_id: string;
  plugin: string;
  instance: string;
  then_command: string;
  then_params: string;
  identity_id: string;
  author: string;
  changeset: string;
}

/** A claim older than this is taken to be a crashed delivery and is claimed again. */
const CLAIM_TTL_MS = 60_000;

/** The then-command's params: the effect's own params with the run's result on top. */
export function thenParams(target: Pick<CallbackTarget, "thenParams">, result: RunResult): Record<string, JsonValue> {
  return { ...(target.thenParams as Record<string, JsonValue>), ok: result.status === "success", ...(result as unknown as Record<string, JsonValue>) };
}

/** Dispatches `then` into the originating room. Throws only when the platform could not (retry later). */
export async function dispatchThen(env: Env, target: CallbackTarget, result: RunResult): Promise<void> {
  const member = await env.DB.prepare("SELECT role FROM memberships WHERE workspace_id = ?1 AND identity_id = ?2")
    .bind(target.workspaceId, target.identityId)
    .first<{ role: Role }>();
  const trailers: [string, string][] = [["Agent", target.agent]];
  if (result.execution_id) trailers.push(["Agent-Execution", result.execution_id]);
  await dispatchBatch(
    // A member removed since the effect still gets the outcome, without admin rights (no meta-commands).
    { env, access: { id: target.workspaceId, name: "", role: member?.role === "owner" || member?.role === "admin" ? member.role : "member" }, author: target.author, source: "system" },
    { commands: [{ plugin: target.plugin, instance: target.instance, command: target.thenCommand, params: thenParams(target, result) }], changeset: target.changeset, trailers },
  );
}

/**
 * Delivers the outcome of a finished execution to its callback, at most once: the row is
 * claimed, `then` dispatched, the row marked delivered. Without a callback nothing happens.
 * `override` replaces the result read from D1 (a refused pre-authorization keeps its code).
 */
export async function notifyCallback(env: Env, executionId: string, override?: RunResult): Promise<boolean> {
  const stamp = new Date().toISOString();
  const row = await env.DB.prepare(
    `UPDATE agent_callbacks SET state = 'delivering', claimed_at = ?2
      WHERE execution_id = ?1 AND (state = 'pending' OR (state = 'delivering' AND claimed_at < ?3))
      RETURNING effect_key, workspace_id, plugin, instance, then_command, then_params, identity_id, author, changeset`,
  )
    .bind(executionId, stamp, new Date(Date.now() - CLAIM_TTL_MS).toISOString())
    .first<Row>();
  if (!row) return false;
  try {
    const run = await env.DB.prepare(
      "SELECT e.status, e.outputs, e.error_message, a.slug FROM agent_executions e LEFT JOIN agent_definitions a ON a.id = e.agent_id WHERE e.id = ?1",
    )
      .bind(executionId)
      .first<ExecutionRow>();
    const result = override ?? (run && resultOf(executionId, run));
    if (!result) throw new Error(`execution ${executionId} has no final status yet`);
    await dispatchThen(env, targetOf(row, run?.slug ?? ""), result);
  } catch (err) {
    await env.DB.prepare("UPDATE agent_callbacks SET state = 'pending', claimed_at = NULL WHERE effect_key = ?1").bind(row.effect_key).run();
    throw err;
  }
  await env.DB.prepare("UPDATE agent_callbacks SET state = 'delivered', delivered_at = ?2 WHERE effect_key = ?1").bind(row.effect_key, new Date().toISOString()).run();
  return true;
}

interface ExecutionRow {
  status: string;
  outputs: string | null;
  error_message: string | null;
  slug: string | null;
}

/** The final result of an execution as the then-command sees it; null while it is not final. */
function resultOf(executionId: string, e: ExecutionRow): RunResult | null {
  if (!isFinal(e.status)) return null;
  const status = e.status;
  return {
    execution_id: executionId,
    status,
    outputs: e.outputs === null ? null : (JSON.parse(e.outputs) as unknown),
    error: status === "success" ? null : { code: status === "failed" ? "agent_failed" : status, message: e.error_message ?? status },
  };
}

function targetOf(row: Row, agent: string): CallbackTarget {
  return {
    workspaceId: row.workspace_id, plugin: row.plugin, instance: row.instance, thenCommand: row.then_command,
    thenParams: JSON.parse(row.then_params) as Record<string, unknown>, identityId: row.identity_id,
    author: JSON.parse(row.author) as CallbackTarget["author"], changeset: row.changeset, agent,
  };
}

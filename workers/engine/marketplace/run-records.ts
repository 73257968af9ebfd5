/** D1 reads and writes of one agent execution, as the ExecutionRoom needs them. */
import type { Env } from "../../env";

export const FINAL_STATUSES = ["success", "failed", "timeout", "cancelled"] as const;
export type FinalExecutionStatus = (typeof FINAL_STATUSES)[number];

/** The execution row joined with its version and deployment: everything a run needs. */
export interface RunRecord {
  id: string;
  status: string;
  queue: "paid" | "free";
  attempt: number;
  inputs: unknown;
  config: unknown;
  agentId: string;
  version: string;
  r2Key: string;
  sha256: string;
  codeFormat: "js" | "tar.gz";
  timeoutMs: number;
  memoryMb: number;
  manifest: Record<string, unknown>;
  /** The agent's status now (`suspended` refuses the run) and the admin's reason. */
  agentStatus: string;
  agentReason: string | null;
}

interface Row {
  id: string;
  status: string;
  queue: string;
  attempt: number;
  inputs: string;
  config: string | null;
  agent_id: string;
  version: string;
  r2_key: string | null;
  sha256: string | null;
  code_format: string | null;
  timeout_ms: number | null;
  memory_mb: number | null;
  manifest: string | null;
  agent_status: string | null;
  agent_reason: string | null;
}

const json = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/** Loads a run; null when the execution does not exist. A missing version comes back with an empty r2Key. */
export async function loadRun(env: Pick<Env, "DB">, executionId: string): Promise<RunRecord | null> {
  const row = await env.DB.prepare(
    `SELECT e.id, e.status, e.queue, e.attempt, e.inputs, d.config, e.agent_id, e.version,
            v.r2_key, v.sha256, v.code_format, v.timeout_ms, v.memory_mb, v.manifest, a.status AS agent_status, a.review_reason AS agent_reason
       FROM agent_executions e
       LEFT JOIN agent_definitions a ON a.id = e.agent_id
       LEFT JOIN agent_deployments d ON d.id = e.deployment_id
       LEFT JOIN agent_versions v ON v.agent_id = e.agent_id AND v.version = e.version
      WHERE e.id = ?`,
  )
    .bind(executionId)
    .first<Row>();
  if (!row) return null;
  const manifest = json(row.manifest);
  return {
    id: row.id, status: row.status, queue: row.queue === "paid" ? "paid" : "free", attempt: row.attempt,
    inputs: json(row.inputs), config: json(row.config) ?? {}, agentId: row.agent_id, version: row.version,
    r2Key: row.r2_key ?? "", sha256: row.sha256 ?? "", codeFormat: row.code_format === "tar.gz" ? "tar.gz" : "js",
    timeoutMs: row.timeout_ms ?? 30_000, memoryMb: row.memory_mb ?? 256,
    manifest: typeof manifest === "object" && manifest !== null ? (manifest as Record<string, unknown>) : {},
    agentStatus: row.agent_status ?? "missing", agentReason: row.agent_reason,
  };
}

export function isFinal(status: string): status is FinalExecutionStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

const NOT_FINAL = `status NOT IN ('success','failed','timeout','cancelled')`;

/** Records the attempt being handled (attempt numbers only grow). */
export async function markAttempt(env: Pick<Env, "DB">, executionId: string, attempt: number): Promise<void> {
  await env.DB.prepare(`UPDATE agent_executions SET attempt = max(attempt, ?) WHERE id = ? AND ${NOT_FINAL}`).bind(attempt, executionId).run();
}

/** queued → running, with started_at. */
export async function markRunning(env: Pick<Env, "DB">, executionId: string, startedAt: string): Promise<void> {
  await env.DB.prepare(`UPDATE agent_executions SET status = 'running', started_at = ? WHERE id = ? AND ${NOT_FINAL}`)
    .bind(startedAt, executionId)
    .run();
}

/** Back to queued (an attempt that failed for infrastructure reasons waits for its retry). */
export async function markRequeued(env: Pick<Env, "DB">, executionId: string, errorMessage: string): Promise<void> {
  await env.DB.prepare(`UPDATE agent_executions SET status = 'queued', started_at = NULL, error_message = ? WHERE id = ? AND ${NOT_FINAL}`)
    .bind(errorMessage, executionId)
    .run();
}

export interface FinalRecord {
  status: FinalExecutionStatus;
  outputs: unknown;
  exitCode: number | null;
  durationMs: number | null;
  stdoutTail: string | null;
  stderrTail: string | null;
  errorMessage: string | null;
}

/** Writes the final outcome unless another one is already there; returns whether it wrote. */
export async function markFinal(env: Pick<Env, "DB">, executionId: string, f: FinalRecord): Promise<boolean> {
  const result = await env.DB.prepare(
    `UPDATE agent_executions SET status = ?, outputs = ?, exit_code = ?, duration_ms = ?, stdout_tail = ?, stderr_tail = ?,
            error_message = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      WHERE id = ? AND ${NOT_FINAL}`,
  )
    .bind(f.status, f.outputs === undefined || f.outputs === null ? null : JSON.stringify(f.outputs), f.exitCode, f.durationMs,
      f.stdoutTail, f.stderrTail, f.errorMessage, executionId)
    .run();
  return result.meta.changes > 0;
}

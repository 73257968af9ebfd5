import type { Env } from "../../env";

/** The final outcome of one agent execution, as the ExecutionRoom reports it. */
export interface ExecutionOutcome {
  status: "success" | "failed" | "timeout" | "cancelled";
  duration_ms: number | null;
}

/**
 * Settles a finished execution: called once by the ExecutionRoom with the final outcome.
 * The default updates the agent's stats (total and successful executions, success rate);
 * the payments issue extends it (capture on success, release otherwise).
 *
 * @example await settleExecution(env, "exe_123", { status: "success", duration_ms: 840 });
 */
export async function settleExecution(env: Pick<Env, "DB">, executionId: string, outcome: ExecutionOutcome): Promise<void> {
  const success = outcome.status === "success" ? 1 : 0;
  await env.DB.prepare(
    `UPDATE agent_definitions SET
       total_executions = total_executions + 1,
       successful_executions = successful_executions + ?2,
       success_rate = CAST(successful_executions + ?2 AS REAL) / (total_executions + 1),
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE id = (SELECT agent_id FROM agent_executions WHERE id = ?1)`,
  )
    .bind(executionId, success)
    .run();
}

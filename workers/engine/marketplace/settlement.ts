import type { Env } from "../../env";
import { settleExecutionPayment } from "../payments/settle";

/** The final outcome of one agent execution, as the ExecutionRoom reports it. */
export interface ExecutionOutcome {
  status: "success" | "failed" | "timeout" | "cancelled";
  duration_ms: number | null;
}

/**
 * Settles a finished execution: called once by the ExecutionRoom with the final outcome.
 * The default updates the agent's stats (total and successful executions, success rate);
 * payments capture the mandate on success and release it otherwise (workers/engine/payments/settle.ts).
 *
 * @example await settleExecution(env, "exe_123", { status: "success", duration_ms: 840 });
 */
export async function settleExecution(env: Pick<Env, "DB">, executionId: string, outcome: ExecutionOutcome): Promise<void> {
  // Payment first (capture on success, release otherwise; idempotent), so a retry after a failure below never charges twice.
  await settleExecutionPayment(env, executionId, outcome.status);
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

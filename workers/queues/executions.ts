import type { Env } from "../env";

/** Consumer of executions-paid and executions-free (replaced by the execution runtime work). */
export async function consumeExecutions(batch: MessageBatch<unknown>, _env: Env): Promise<void> {
  batch.retryAll();
}

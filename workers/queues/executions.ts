import type { Env } from "../env";
import { executionRoom, retryDelaySeconds } from "../engine/marketplace/runner";

/** Body of an executions-paid / executions-free message; `attempt` is set on re-sends after a failed attempt. */
export interface ExecutionMessage {
  execution_id: string;
  attempt?: number;
}

function parse(body: unknown): ExecutionMessage | null {
  if (typeof body !== "object" || body === null) return null;
  const { execution_id, attempt } = body as Record<string, unknown>;
  if (typeof execution_id !== "string" || execution_id === "") return null;
  return { execution_id, attempt: typeof attempt === "number" && attempt >= 1 ? Math.floor(attempt) : undefined };
}

/**
 * Consumer of executions-paid and executions-free: hands each run to its ExecutionRoom and
 * acknowledges as soon as the room has taken it (the room runs the agent in the background
 * and waits for a concurrency slot if needed). Infrastructure failures are retried with
 * exponential backoff; the agent's own failures are final and never retried.
 */
export async function consumeExecutions(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const body = parse(message.body);
      if (!body) {
        console.error(`${batch.queue}: dropping a malformed message`, message.body);
        return message.ack();
      }
      const attempt = (body.attempt ?? 1) + message.attempts - 1;
      try {
        const result = await executionRoom(env, body.execution_id).start(body.execution_id, attempt);
        if (!result.ok && result.retryable) return message.retry({ delaySeconds: retryDelaySeconds(attempt) });
        if (!result.ok) console.error(`${batch.queue}: execution ${body.execution_id} not started: ${result.code}: ${result.message}`);
        message.ack();
      } catch (err) {
        console.error(`${batch.queue}: execution ${body.execution_id}: the room did not answer`, err);
        message.retry({ delaySeconds: retryDelaySeconds(attempt) });
      }
    }),
  );
}

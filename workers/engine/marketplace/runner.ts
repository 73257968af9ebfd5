/**
 * The execution side of the marketplace, as the rest of the Worker uses it.
 *
 * @example
 * const room = executionRoom(env, executionId);
 * await room.cancel(executionId);            // {ok:true, status} | {ok:false, code, message}
 * return room.fetch(new Request("https://room/logs", { headers })); // SSE: stdout/stderr lines, then `status`
 * const position = await executionPosition(env, executionId); // 1-based place in line, or null
 */
import type { ExecutionRoom } from "../../../durable-objects/execution-room/execution-room";
import { SCHEDULER_NAME } from "../../../durable-objects/execution-room/scheduler";
import type { Env } from "../../env";

export type { CancelResult, StartResult } from "../../../durable-objects/execution-room/execution-room";

/** Attempts per execution: the first and 3 retries after infrastructure failures. */
export const MAX_ATTEMPTS = 4;

/** The ExecutionRoom of one execution. */
export function executionRoom(env: Pick<Env, "EXECUTION_ROOM">, executionId: string): DurableObjectStub<ExecutionRoom> {
  return env.EXECUTION_ROOM.get(env.EXECUTION_ROOM.idFromName(executionId));
}

/** The single room instance that keeps the global concurrency cap. */
export function executionScheduler(env: Pick<Env, "EXECUTION_ROOM">): DurableObjectStub<ExecutionRoom> {
  return env.EXECUTION_ROOM.get(env.EXECUTION_ROOM.idFromName(SCHEDULER_NAME));
}

/** Where a queued execution waits for a slot (1 = next), or null when it is not waiting. */
export async function executionPosition(env: Pick<Env, "EXECUTION_ROOM">, executionId: string): Promise<number | null> {
  return executionScheduler(env).position(executionId);
}

/** Agent runs allowed at once (EXECUTION_CONCURRENCY, default 10). */
export function concurrencyCap(env: Pick<Env, "EXECUTION_CONCURRENCY">): number {
  const n = Number.parseInt(env.EXECUTION_CONCURRENCY ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : 10;
}

/** Delay before retry `attempt + 1` after an infrastructure failure: 2, 4, 8 ... seconds, at most 60. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(60, 2 ** Math.max(1, attempt));
}

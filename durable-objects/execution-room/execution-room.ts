import { DurableObject } from "cloudflare:workers";
import { runtimeTransport } from "../../workers/engine/marketplace/run-transport";
import type { Env } from "../../workers/env";
import { Lifecycle, type CancelResult, type StartResult } from "./lifecycle";
import type { Grant } from "./scheduler";
import { SchedulerRole } from "./scheduler-role";
import { ensureSchema } from "./storage";

export type { CancelResult, StartResult } from "./lifecycle";

/**
 * One agent execution: lifecycle, limits, live logs, runtime port. Named by execution id
 * (see `executionRoom` in workers/engine/marketplace/runner.ts); the instance named
 * `_scheduler` keeps the global concurrency cap instead (acquire/release/position).
 */
export class ExecutionRoom extends DurableObject<Env> {
  #run: Lifecycle;
  #scheduler: SchedulerRole;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ensureSchema(ctx.storage.sql);
    this.#run = new Lifecycle(ctx, env, runtimeTransport(env));
    this.#scheduler = new SchedulerRole(ctx, env);
  }

  // -- RPC: one execution ------------------------------------------------------------------

  /**
   * Runs attempt `attempt` of an execution (called by the queue consumer). Idempotent: a
   * duplicate delivery, an older attempt or an already final execution changes nothing.
   * `{ok:false, retryable:true}` asks the consumer to retry the message later.
   */
  async start(executionId: string, attempt: number): Promise<StartResult> {
    return this.#run.start(executionId, attempt);
  }

  /** queued → cancelled at once; running → the process is killed and the status is cancelled. */
  async cancel(executionId: string): Promise<CancelResult> {
    return this.#run.cancel(executionId);
  }

  /** Called by the scheduler when a slot frees for this waiting run; false = not waiting any more. */
  async grant(executionId: string): Promise<boolean> {
    return this.#run.grant(executionId);
  }

  // -- RPC: the scheduler instance ---------------------------------------------------------

  /** Takes a concurrency slot or a place in line. */
  async acquire(executionId: string, queue: "paid" | "free", leaseMs: number): Promise<Grant> {
    return this.#scheduler.acquire(executionId, queue, leaseMs);
  }

  /** Gives a slot (or a place in line) back and lets the next waiting runs start. */
  async release(executionId: string): Promise<void> {
    this.#scheduler.release(executionId);
  }

  async position(executionId: string): Promise<number | null> {
    return this.#scheduler.position(executionId);
  }

  /** Overrides EXECUTION_CONCURRENCY on this scheduler (null restores it); for operators and tests. */
  async setCapacity(cap: number | null): Promise<void> {
    this.#scheduler.setCapacity(cap);
  }

  // -- runtime handlers --------------------------------------------------------------------

  /** `GET /logs`: SSE replay after Last-Event-ID, live lines, then the final `status` event. */
  override async fetch(request: Request): Promise<Response> {
    if (request.method !== "GET" || !new URL(request.url).pathname.endsWith("/logs")) {
      return Response.json({ error: { code: "not_found", message: "the execution room serves GET /logs" } }, { status: 404 });
    }
    return this.#run.logs(request);
  }

  override async alarm(): Promise<void> {
    if (this.#scheduler.active) return this.#scheduler.sweep();
    return this.#run.alarm();
  }
}

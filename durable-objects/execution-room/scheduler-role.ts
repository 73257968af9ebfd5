/** The scheduler instance's side of ExecutionRoom: slots, grants and the lease sweep. */
import { concurrencyCap } from "../../workers/engine/marketplace/runner";
import type { Env } from "../../workers/env";
import { Slots, type Grant } from "./scheduler";
import { getMeta, setMeta } from "./storage";

export class SchedulerRole {
  readonly #slots: Slots;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
  ) {
    this.#slots = new Slots(ctx.storage.sql);
  }

  /** Whether this instance has acted as the scheduler (its alarm then sweeps leases). */
  get active(): boolean {
    return getMeta(this.ctx.storage.sql, "role") === "scheduler";
  }

  async acquire(executionId: string, queue: "paid" | "free", leaseMs: number): Promise<Grant> {
    setMeta(this.ctx.storage.sql, "role", "scheduler");
    const grant = this.#slots.acquire(executionId, queue, leaseMs, this.#cap(), Date.now());
    await this.#armSweep();
    return grant;
  }

  release(executionId: string): void {
    this.#slots.release(executionId);
    this.grantFree();
  }

  position(executionId: string): number | null {
    return this.#slots.position(executionId);
  }

  setCapacity(cap: number | null): void {
    setMeta(this.ctx.storage.sql, "capacity", cap === null ? null : String(Math.max(1, Math.floor(cap))));
    this.grantFree();
  }

  /** Alarm: takes back slots whose lease ran out and lets waiting runs in. */
  async sweep(): Promise<void> {
    this.#slots.expire(Date.now());
    this.grantFree();
    await this.#armSweep();
  }

  /** Marks free slots taken and tells those rooms to launch (in the background). */
  grantFree(): void {
    for (const id of this.#slots.grantFree(this.#cap(), Date.now())) {
      const room = this.env.EXECUTION_ROOM.get(this.env.EXECUTION_ROOM.idFromName(id));
      this.ctx.waitUntil(
        room.grant(id).then(
          (accepted) => (accepted ? undefined : this.release(id)),
          () => this.release(id),
        ),
      );
    }
  }

  #cap(): number {
    const override = Number(getMeta(this.ctx.storage.sql, "capacity") ?? "");
    return override > 0 ? override : concurrencyCap(this.env);
  }

  async #armSweep(): Promise<void> {
    const next = this.#slots.nextLeaseEnd();
    if (next !== null) await this.ctx.storage.setAlarm(next + 1_000);
  }
}

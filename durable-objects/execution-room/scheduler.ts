/**
 * The global concurrency cap, kept by one ExecutionRoom instance (named {@link SCHEDULER_NAME}).
 * A run holds a slot from its launch to its final outcome; excess runs wait in arrival order,
 * paid before free. Each slot has a lease (the run's timeout plus a margin) so a room that
 * vanished cannot hold a slot forever.
 */

export const SCHEDULER_NAME = "_scheduler";

export type Grant = { granted: true } | { granted: false; position: number };

type SlotRow = {
  execution_id: string;
  queue: string;
  state: string;
  arrival: number;
  lease_ms: number;
  lease_until: number | null;
};

export class Slots {
  constructor(private readonly sql: SqlStorage) {}

  running(): number {
    return this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM _sys_slots WHERE state = 'running'`).one().n;
  }

  /** Takes a slot when one is free (or already held); otherwise waits in line. */
  acquire(executionId: string, queue: "paid" | "free", leaseMs: number, cap: number, now: number): Grant {
    const row = this.#row(executionId);
    if (row?.state === "running") return { granted: true };
    if (!row) {
      const arrival = this.sql.exec<{ n: number | null }>(`SELECT max(arrival) AS n FROM _sys_slots`).one().n ?? 0;
      this.sql.exec(`INSERT INTO _sys_slots (execution_id, queue, state, arrival, lease_ms) VALUES (?, ?, 'waiting', ?, ?)`, executionId, queue, arrival + 1, leaseMs);
    }
    // Only the head of the line may take a free slot, so a newcomer never overtakes a waiting run.
    if (this.running() < cap && this.next()?.execution_id === executionId) {
      this.sql.exec(`UPDATE _sys_slots SET state = 'running', lease_until = ? WHERE execution_id = ?`, now + leaseMs, executionId);
      return { granted: true };
    }
    return { granted: false, position: this.position(executionId) ?? 0 };
  }

  /** Forgets a run (finished, cancelled, or failed to launch). */
  release(executionId: string): void {
    this.sql.exec(`DELETE FROM _sys_slots WHERE execution_id = ?`, executionId);
  }

  /** 1-based place in line (paid first, then arrival), or null when not waiting. */
  position(executionId: string): number | null {
    const row = this.#row(executionId);
    if (!row || row.state !== "waiting") return null;
    const paid = row.queue === "paid";
    return this.sql
      .exec<{ n: number }>(
        `SELECT count(*) AS n FROM _sys_slots WHERE state = 'waiting' AND
           ((queue = 'paid') > ? OR ((queue = 'paid') = ? AND arrival <= ?))`,
        paid ? 1 : 0, paid ? 1 : 0, row.arrival,
      )
      .one().n;
  }

  /** The head of the line. */
  next(): SlotRow | undefined {
    return this.sql
      .exec<SlotRow>(`SELECT * FROM _sys_slots WHERE state = 'waiting' ORDER BY queue = 'paid' DESC, arrival LIMIT 1`)
      .toArray()[0];
  }

  /** Marks the head of the line running while slots are free; returns the ids granted. */
  grantFree(cap: number, now: number): string[] {
    const granted: string[] = [];
    while (this.running() < cap) {
      const head = this.next();
      if (!head) break;
      this.sql.exec(`UPDATE _sys_slots SET state = 'running', lease_until = ? WHERE execution_id = ?`, now + head.lease_ms, head.execution_id);
      granted.push(head.execution_id);
    }
    return granted;
  }

  /** Frees slots whose lease ran out; returns their ids. */
  expire(now: number): string[] {
    const ids = this.sql
      .exec<{ execution_id: string }>(`SELECT execution_id FROM _sys_slots WHERE state = 'running' AND lease_until < ?`, now)
      .toArray()
      .map((r) => r.execution_id);
    for (const id of ids) this.release(id);
    return ids;
  }

  #row(executionId: string): SlotRow | undefined {
    return this.sql.exec<SlotRow>(`SELECT * FROM _sys_slots WHERE execution_id = ?`, executionId).toArray()[0];
  }

  /** The earliest lease end of a running slot, for the sweep alarm. */
  nextLeaseEnd(): number | null {
    return this.sql.exec<{ n: number | null }>(`SELECT min(lease_until) AS n FROM _sys_slots WHERE state = 'running'`).one().n;
  }
}

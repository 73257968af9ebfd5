/**
 * Rendering modes from event metadata: "progressive" events apply at once; "atomic" and
 * "grouped" events wait for the next frame and apply together (atomic: a whole batch_id in one
 * update; grouped: everything that arrived in the frame). Order is always preserved.
 */
export interface Queued {
  rendering?: string;
  batch_id?: string;
}

export type Flush<T> = (events: T[]) => void;

export class EventQueue<T extends Queued> {
  #pending: T[] = [];
  #scheduled = false;

  constructor(
    private readonly flush: Flush<T>,
    private readonly schedule: (run: () => void) => void,
  ) {}

  push(ev: T): void {
    const mode = ev.rendering ?? "progressive";
    if (mode === "progressive" && this.#pending.length === 0) {
      this.flush([ev]);
      return;
    }
    this.#pending.push(ev);
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.schedule(() => this.drain());
    }
  }

  /** Applies everything pending now (also called by the frame callback). */
  drain(): void {
    this.#scheduled = false;
    const events = this.#pending;
    this.#pending = [];
    if (events.length) this.flush(events);
  }

  get size(): number {
    return this.#pending.length;
  }
}

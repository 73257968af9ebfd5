/**
 * Rendering modes from event metadata. "progressive" events apply at once. "grouped" events wait
 * for the next frame and apply with everything else that arrived by then. "atomic" events are
 * held until their batch has gone quiet (no event of that batch for `settleMs`; a batch's
 * commands run back to back on the server, one state event each), then the whole batch applies
 * in one update on the next frame, so no intermediate state of the batch is ever painted; a
 * batch is held at most `maxHoldMs` (an atomic batch arriving meanwhile is held with it). Order
 * is always preserved: later events wait behind held ones.
 */
/** What the queue reads of an event: its rendering mode (held atomic events are not told apart by batch_id). */
export interface Queued {
  rendering?: string;
}

export type Flush<T> = (events: T[]) => void;

export interface QueueTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

const REAL_TIMERS: QueueTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class EventQueue<T extends Queued> {
  #pending: T[] = [];
  #scheduled = false;
  /** While atomic events are held: the settle timer and since when they are held. */
  #held: { timer: unknown; since: number } | null = null;

  constructor(
    private readonly flush: Flush<T>,
    private readonly schedule: (run: () => void) => void,
    private readonly options: { settleMs?: number; maxHoldMs?: number; timers?: QueueTimers } = {},
  ) {}

  push(ev: T): void {
    const mode = ev.rendering ?? "progressive";
    if (mode === "atomic") {
      this.#pending.push(ev);
      this.#hold();
      return;
    }
    if (mode === "progressive" && this.#pending.length === 0 && !this.#held) {
      this.flush([ev]);
      return;
    }
    this.#pending.push(ev);
    this.#frame();
  }

  /** Applies everything pending now, unless an atomic batch is still arriving (also the frame callback). */
  drain(): void {
    this.#scheduled = false;
    if (this.#held) return;
    const events = this.#pending;
    this.#pending = [];
    if (events.length) this.flush(events);
  }

  get size(): number {
    return this.#pending.length;
  }

  #hold(): void {
    const timers = this.options.timers ?? REAL_TIMERS;
    const settle = this.options.settleMs ?? 250;
    const maxHold = this.options.maxHoldMs ?? 3000;
    const since = this.#held?.since ?? timers.now();
    if (this.#held) timers.clear(this.#held.timer);
    const wait = Math.max(0, Math.min(settle, since + maxHold - timers.now()));
    const timer = timers.set(() => {
      if (this.#held?.timer !== timer) return;
      this.#held = null;
      this.#frame();
    }, wait);
    this.#held = { timer, since };
  }

  #frame(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.schedule(() => this.drain());
  }
}

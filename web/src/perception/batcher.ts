/**
 * Collects feed entries (console lines, DOM mutations) and posts them in batches: every
 * `intervalMs`, or at once when `maxBatch` are waiting. One post at a time; a failed post is
 * dropped (the feed is best-effort); past `maxQueued` the newest entries are dropped and counted.
 * Pure: time and sending are injected.
 */

export interface BatcherOptions<T> {
  send(entries: T[]): Promise<unknown>;
  intervalMs?: number;
  maxBatch?: number;
  maxQueued?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Batcher<T> {
  #queue: T[] = [];
  #timer: unknown = null;
  #sending = false;
  #dropped = 0;
  readonly #o: Required<BatcherOptions<T>>;

  constructor(options: BatcherOptions<T>) {
    this.#o = {
      intervalMs: 1000,
      maxBatch: 100,
      maxQueued: 500,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** Entries dropped because the queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** How many more entries fit before new ones are dropped (callers can skip building them). */
  get room(): number {
    return Math.max(0, this.#o.maxQueued - this.#queue.length);
  }

  push(entry: T): void {
    if (this.#queue.length >= this.#o.maxQueued) {
      this.#dropped++;
      return;
    }
    this.#queue.push(entry);
    if (this.#queue.length >= this.#o.maxBatch) void this.flush();
    else if (this.#timer === null) this.#timer = this.#o.setTimer(() => void this.flush(), this.#o.intervalMs);
  }

  /** Sends up to `maxBatch` waiting entries now (no-op while a post is in flight). */
  async flush(): Promise<void> {
    if (this.#timer !== null) {
      this.#o.clearTimer(this.#timer);
      this.#timer = null;
    }
    if (this.#sending || this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#o.maxBatch);
    this.#sending = true;
    try {
      await this.#o.send(batch);
    } catch {
      /* dropped: the feed is best-effort and must never log about itself */
    } finally {
      this.#sending = false;
    }
    if (this.#queue.length >= this.#o.maxBatch) void this.flush();
    else if (this.#queue.length > 0 && this.#timer === null) this.#timer = this.#o.setTimer(() => void this.flush(), this.#o.intervalMs);
  }
}

/**
 * Moves work out of the frame that caused it: batches pushed now are handed to `process` at the
 * next idle moment, in one call. Bounded: past `maxItems` waiting items new batches are dropped
 * (and counted). Pure: the scheduler is injected (the browser passes requestIdleCallback).
 */

export type Schedule = (run: () => void) => void;

export class IdleQueue<T> {
  #batches: T[][] = [];
  #items = 0;
  #scheduled = false;
  #dropped = 0;
  #stopped = false;

  constructor(
    private readonly process: (batches: T[][]) => void,
    private readonly schedule: Schedule,
    private readonly maxItems = 20_000,
  ) {}

  get dropped(): number {
    return this.#dropped;
  }

  push(batch: T[]): void {
    if (this.#stopped) return;
    if (this.#items + batch.length > this.maxItems) {
      this.#dropped += batch.length;
      return;
    }
    this.#batches.push(batch);
    this.#items += batch.length;
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.schedule(() => this.#run());
  }

  stop(): void {
    this.#stopped = true;
    this.#batches = [];
    this.#items = 0;
  }

  #run(): void {
    this.#scheduled = false;
    if (this.#stopped || this.#batches.length === 0) return;
    const batches = this.#batches;
    this.#batches = [];
    this.#items = 0;
    this.process(batches);
  }
}

/** requestIdleCallback (within `timeoutMs`) where the browser has it, else a short timeout. */
export function idleSchedule(timeoutMs = 500): Schedule {
  const g = globalThis as { requestIdleCallback?: (run: () => void, o: { timeout: number }) => unknown };
  return g.requestIdleCallback ? (run) => void g.requestIdleCallback!(run, { timeout: timeoutMs }) : (run) => void setTimeout(run, 50);
}

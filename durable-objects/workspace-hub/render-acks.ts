/**
 * Render acknowledgements: browsers report `{room, version}` after they render it, and an AI
 * dispatch waits until every renderer that follows the room has, or the timeout passes.
 */
export interface AckOutcome {
  rendered_by: number;
  version: number;
  timed_out: boolean;
}

interface Waiter {
  room: string;
  version: number;
  expected: number;
  by: Set<string>;
  done: (o: AckOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Renderers' latest rendered version per room, and the dispatches waiting for them. */
export class RenderAcks {
  #latest = new Map<string, Map<string, number>>();
  #waiters = new Set<Waiter>();

  /** Records that `client` rendered `room` at `version` and wakes the waiters it satisfies. */
  ack(client: string, room: string, version: number): void {
    const seen = this.#latest.get(room) ?? new Map<string, number>();
    seen.set(client, Math.max(version, seen.get(client) ?? 0));
    this.#latest.set(room, seen);
    for (const w of this.#waiters) {
      if (w.room !== room || version < w.version) continue;
      w.by.add(client);
      if (w.by.size >= w.expected) this.#finish(w, false);
    }
  }

  /** Resolves once `expected` renderers have shown `version` (or later), or after `timeoutMs`. */
  wait(room: string, version: number, expected: number, timeoutMs: number): Promise<AckOutcome> {
    const by = new Set<string>();
    for (const [client, v] of this.#latest.get(room) ?? []) if (v >= version) by.add(client);
    if (expected === 0 || by.size >= expected || timeoutMs === 0) {
      return Promise.resolve({ rendered_by: by.size, version, timed_out: by.size < expected });
    }
    return new Promise((resolve) => {
      const w: Waiter = { room, version, expected, by, done: resolve, timer: setTimeout(() => this.#finish(w, true), timeoutMs) };
      this.#waiters.add(w);
    });
  }

  /** How many renderers have acknowledged this room. */
  renderers(room: string): number {
    return this.#latest.get(room)?.size ?? 0;
  }

  /** Forgets a renderer that disconnected; waiters on the rooms it followed stop expecting it. */
  forget(client: string, rooms: readonly string[]): void {
    for (const seen of this.#latest.values()) seen.delete(client);
    for (const w of this.#waiters) {
      if (!rooms.includes(w.room) || w.by.has(client)) continue;
      w.expected = Math.max(0, w.expected - 1);
      // The last renderer left without rendering: nobody saw it, as when nobody follows the room.
      if (w.by.size >= w.expected) this.#finish(w, w.by.size === 0);
    }
  }

  #finish(w: Waiter, timedOut: boolean): void {
    if (!this.#waiters.delete(w)) return;
    clearTimeout(w.timer);
    w.done({ rendered_by: w.by.size, version: w.version, timed_out: timedOut });
  }
}

/**
 * Perception queries waiting for a browser's answer: one waiter per `perception_query` id, settled
 * by the first valid answer, by an error once every browser asked has answered with one, or by its
 * deadline (with the first browser error if any came, else `perception_timeout`). Settled ids are
 * remembered for a minute so a late answer from a second browser is told apart from an unknown id.
 */
import type { BrowserSurface } from "../../lib/protocol/perception";

export type Settled = { ok: true; value: unknown; bytes: number } | { ok: false; code: string; message: string };

interface Waiter {
  surface: BrowserSurface;
  /** Browsers asked; errors from all of them settle the waiter early. */
  expected: number;
  errors: { code: string; message: string }[];
  done: (s: Settled) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** How long a settled id is remembered (answers after that are for an unknown id). */
const REMEMBER_MS = 60_000;

export class PerceptionWaiters {
  readonly #open = new Map<string, Waiter>();
  /** Ids answered by some browser, with the time they were answered. */
  readonly #answered = new Map<string, number>();

  /** Opens a waiter under a fresh id; it settles with `perception_timeout` after `timeoutMs`. */
  open(surface: BrowserSurface, timeoutMs: number, expected = 1): { id: string; settled: Promise<Settled> } {
    const id = randomId();
    const settled = new Promise<Settled>((done) => {
      const timer = setTimeout(() => {
        const first = this.#open.get(id)?.errors[0];
        this.#settle(id, first ? { ok: false, ...first } : { ok: false, code: "perception_timeout", message: `no connected browser answered pe.${surface} within ${timeoutMs} ms` });
      }, timeoutMs);
      this.#open.set(id, { surface, expected: Math.max(1, expected), errors: [], done, timer });
    });
    return { id, settled };
  }

  /** The surface an open id asks for, or undefined when it is not open. */
  pending(id: string): BrowserSurface | undefined {
    return this.#open.get(id)?.surface;
  }

  /** True when `id` was answered by a browser within the last minute. */
  wasAnswered(id: string, now = Date.now()): boolean {
    const at = this.#answered.get(id);
    return at !== undefined && now - at < REMEMBER_MS;
  }

  /** Settles an open id with a browser's answer; false when it is not open. */
  answer(id: string, settled: Settled): boolean {
    if (!this.#open.has(id)) return false;
    this.#answered.set(id, Date.now());
    this.#settle(id, settled);
    return true;
  }

  /** Records a browser's error for an open id; settles with it once every browser asked has failed. */
  fail(id: string, code: string, message: string): boolean {
    const w = this.#open.get(id);
    if (!w) return false;
    w.errors.push({ code, message });
    if (w.errors.length >= w.expected) {
      this.#answered.set(id, Date.now());
      this.#settle(id, { ok: false, ...w.errors[0]! });
    }
    return true;
  }

  #settle(id: string, settled: Settled): void {
    const w = this.#open.get(id);
    if (!w) return;
    this.#open.delete(id);
    clearTimeout(w.timer);
    w.done(settled);
    const now = Date.now();
    for (const [old, at] of this.#answered) if (now - at >= REMEMBER_MS) this.#answered.delete(old);
  }
}

/** 16 random hex characters: unguessable enough for a minute-long id scoped to one workspace. */
function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

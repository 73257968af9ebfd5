/**
 * Freshness of cached surface values. A value is computed at some time and at some invalidation
 * generation (a workspace's generation moves on every committed dispatch):
 *
 * - `every_dispatch`: reused only while no dispatch has committed since it was computed;
 * - `dirty_timer(ms)`: the same, and never for longer than `ms` (recomputed at most every `ms`
 *   unless a dispatch invalidates it first);
 * - `lazy`: computed on the first read after an invalidation, then reused while no dispatch commits.
 *
 * The cache keeps, per surface, the last `entries` values (one per query) and none older than
 * `maxAgeMs`, whichever bound trips first, and at most `maxBytes` in all (oldest evicted first).
 * `?live=1` skips the read; the fresh value still replaces the cached one.
 */
import type { Freshness } from "./surface";

export interface CacheBounds {
  entries: number;
  maxAgeMs: number;
  maxBytes: number;
}

export const DEFAULT_BOUNDS: CacheBounds = { entries: 8, maxAgeMs: 5 * 60_000, maxBytes: 24 * 1024 * 1024 };

export interface Cached<V> {
  key: string;
  value: V;
  /** Epoch ms when the value was computed. */
  computedAt: number;
  /** The invalidation generation it was computed at. */
  generation: number;
  bytes: number;
  version: string;
}

/** True when a value computed at `entry` may still be served under `freshness`. */
export function isFresh(freshness: Freshness, entry: Pick<Cached<unknown>, "computedAt" | "generation">, now: number, generation: number): boolean {
  if (entry.generation !== generation) return false;
  if (freshness.kind === "dirty_timer") return now - entry.computedAt < freshness.ms;
  return true;
}

/** Per-surface values keyed by query, bounded by count, age and bytes. */
export class FreshnessCache<V> {
  readonly #bounds: CacheBounds;
  /** Per surface, newest first. */
  readonly #bySurface = new Map<string, Cached<V>[]>();
  #generation = 0;

  constructor(bounds: Partial<CacheBounds> = {}) {
    this.#bounds = { ...DEFAULT_BOUNDS, ...bounds };
  }

  get generation(): number {
    return this.#generation;
  }

  /** A dispatch committed: every value computed before now is stale. */
  invalidate(): number {
    return ++this.#generation;
  }

  /** The cached value for `surface`/`key` if it is still fresh under `freshness`. */
  get(surface: string, key: string, freshness: Freshness, now: number): Cached<V> | undefined {
    const list = this.#prune(surface, now);
    const hit = list.find((e) => e.key === key);
    return hit && isFresh(freshness, hit, now, this.#generation) ? hit : undefined;
  }

  /** Stores a value computed at `generation` (pass the generation from before it was asked for). */
  put(surface: string, entry: Cached<V>, now: number): void {
    if (entry.bytes > this.#bounds.maxBytes) return;
    const list = this.#prune(surface, now).filter((e) => e.key !== entry.key);
    list.unshift(entry);
    list.length = Math.min(list.length, this.#bounds.entries);
    this.#bySurface.set(surface, list);
    this.#fitBytes();
  }

  /** Values held for a surface, newest first (for tests and diagnostics). */
  entries(surface: string, now: number): readonly Cached<V>[] {
    return this.#prune(surface, now);
  }

  #prune(surface: string, now: number): Cached<V>[] {
    const list = (this.#bySurface.get(surface) ?? []).filter((e) => now - e.computedAt < this.#bounds.maxAgeMs);
    if (list.length) this.#bySurface.set(surface, list);
    else this.#bySurface.delete(surface);
    return list;
  }

  #fitBytes(): void {
    const all = [...this.#bySurface.values()].flat().sort((a, b) => a.computedAt - b.computedAt);
    let total = all.reduce((n, e) => n + e.bytes, 0);
    for (const old of all) {
      if (total <= this.#bounds.maxBytes) break;
      total -= old.bytes;
      for (const [surface, list] of this.#bySurface) {
        const i = list.indexOf(old);
        if (i < 0) continue;
        list.splice(i, 1);
        if (!list.length) this.#bySurface.delete(surface);
      }
    }
  }
}

import { describe, expect, it } from "vitest";
import { IdleQueue } from "./idle-queue";

function harness(max = 5) {
  const runs: (() => void)[] = [];
  const seen: number[][][] = [];
  const q = new IdleQueue<number>((b) => seen.push(b), (run) => runs.push(run), max);
  return { q, seen, runs, idle: () => runs.splice(0).forEach((r) => r()) };
}

describe("IdleQueue", () => {
  it("hands every batch pushed before idle time over in one call", () => {
    const h = harness();
    h.q.push([1, 2]);
    h.q.push([3]);
    expect(h.seen).toEqual([]);
    expect(h.runs).toHaveLength(1);
    h.idle();
    expect(h.seen).toEqual([[[1, 2], [3]]]);
    h.q.push([4]);
    h.idle();
    expect(h.seen[1]).toEqual([[4]]);
  });

  it("drops batches past its bound and counts their items", () => {
    const h = harness(3);
    h.q.push([1, 2]);
    h.q.push([3, 4]);
    h.q.push([5]);
    expect(h.q.dropped).toBe(2);
    h.idle();
    expect(h.seen).toEqual([[[1, 2], [5]]]);
  });

  it("does nothing once stopped", () => {
    const h = harness();
    h.q.push([1]);
    h.q.stop();
    h.q.push([2]);
    h.idle();
    expect(h.seen).toEqual([]);
  });
});

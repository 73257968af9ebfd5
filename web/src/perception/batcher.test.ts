import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

function harness(fail = false) {
  const sent: number[][] = [];
  const timers: { run: () => void; ms: number; live: boolean }[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const b = new Batcher<number>({
    send: (entries) => {
      sent.push(entries);
      if (hold) return new Promise<void>((r) => (release = r));
      return fail ? Promise.reject(new Error("offline")) : Promise.resolve();
    },
    maxBatch: 3,
    maxQueued: 5,
    setTimer: (run, ms) => {
      const t = { run, ms, live: true };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => ((h as { live: boolean }).live = false),
  });
  const tick = () => timers.filter((t) => t.live).forEach((t) => ((t.live = false), t.run()));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { b, sent, tick, settle, timers, holdSends: () => (hold = true), release: () => release?.() };
}

describe("Batcher", () => {
  it("sends waiting entries when the interval passes", async () => {
    const h = harness();
    h.b.push(1);
    h.b.push(2);
    expect(h.sent).toEqual([]);
    expect(h.timers.filter((t) => t.live)).toHaveLength(1);
    h.tick();
    await h.settle();
    expect(h.sent).toEqual([[1, 2]]);
  });

  it("sends at once when a full batch is waiting", async () => {
    const h = harness();
    [1, 2, 3].forEach((n) => h.b.push(n));
    await h.settle();
    expect(h.sent).toEqual([[1, 2, 3]]);
    expect(h.timers.filter((t) => t.live)).toHaveLength(0);
  });

  it("drops a failed batch and keeps going", async () => {
    const h = harness(true);
    [1, 2, 3].forEach((n) => h.b.push(n));
    await h.settle();
    h.b.push(4);
    h.tick();
    await h.settle();
    expect(h.sent).toEqual([[1, 2, 3], [4]]);
    expect(h.b.queued).toBe(0);
  });

  it("posts one batch at a time and drops entries past the queue limit", async () => {
    const h = harness();
    h.holdSends();
    [1, 2, 3].forEach((n) => h.b.push(n));
    [4, 5, 6, 7, 8, 9].forEach((n) => h.b.push(n));
    expect(h.sent).toEqual([[1, 2, 3]]);
    expect(h.b.queued).toBe(5);
    expect(h.b.room).toBe(0);
    expect(h.b.dropped).toBe(1);
    h.release();
    await h.settle();
    expect(h.sent[1]).toEqual([4, 5, 6]);
  });
});

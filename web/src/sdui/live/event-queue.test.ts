import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue";

interface Ev {
  n: number;
  rendering?: string;
  batch_id?: string;
}

function setup() {
  const flushed: number[][] = [];
  let frame: (() => void) | null = null;
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 0;
  const q = new EventQueue<Ev>((evs) => flushed.push(evs.map((e) => e.n)), (run) => (frame = run), {
    settleMs: 100,
    maxHoldMs: 1000,
    timers: {
      set: (run, ms) => (timers.set(++next, { at: now + ms, run }), next),
      clear: (h) => timers.delete(h as number),
      now: () => now,
    },
  });
  const tick = () => {
    const f = frame;
    frame = null;
    f?.();
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) if (t.at <= now) (timers.delete(id), t.run());
  };
  return { q, flushed, tick, advance };
}

describe("rendering modes", () => {
  it("applies progressive events at once, one by one", () => {
    const { q, flushed } = setup();
    q.push({ n: 1 });
    q.push({ n: 2, rendering: "progressive" });
    expect(flushed).toEqual([[1], [2]]);
  });

  it("holds an atomic batch until it goes quiet, then applies it together on the next frame", () => {
    const { q, flushed, tick, advance } = setup();
    q.push({ n: 1, rendering: "atomic", batch_id: "b" });
    advance(60);
    q.push({ n: 2, rendering: "atomic", batch_id: "b" });
    advance(60);
    tick();
    expect(flushed).toEqual([]);
    q.push({ n: 3, rendering: "atomic", batch_id: "b" });
    advance(99);
    tick();
    expect(flushed).toEqual([]);
    advance(1);
    tick();
    expect(flushed).toEqual([[1, 2, 3]]);
  });

  it("holds a batch that never goes quiet at most maxHoldMs", () => {
    const { q, flushed, tick, advance } = setup();
    for (let i = 0; i < 20; i++) {
      q.push({ n: i, rendering: "atomic", batch_id: "b" });
      advance(60);
      tick();
    }
    expect(flushed.length).toBe(1);
    expect(flushed[0]).toEqual([...Array(17).keys()]);
  });

  it("keeps order: events after a held batch wait for it", () => {
    const { q, flushed, tick, advance } = setup();
    q.push({ n: 1, rendering: "atomic", batch_id: "b" });
    q.push({ n: 2 });
    q.push({ n: 3, rendering: "grouped" });
    tick();
    expect(flushed).toEqual([]);
    advance(100);
    tick();
    expect(flushed).toEqual([[1, 2, 3]]);
    q.push({ n: 4 });
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it("applies grouped events together on the next frame", () => {
    const { q, flushed, tick } = setup();
    q.push({ n: 1, rendering: "grouped" });
    q.push({ n: 2 });
    tick();
    expect(flushed).toEqual([[1, 2]]);
    q.push({ n: 3 });
    expect(flushed).toEqual([[1, 2], [3]]);
  });
});

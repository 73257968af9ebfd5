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
  const q = new EventQueue<Ev>((evs) => flushed.push(evs.map((e) => e.n)), (run) => (frame = run));
  return { q, flushed, tick: () => frame?.() };
}

describe("rendering modes", () => {
  it("applies progressive events at once, one by one", () => {
    const { q, flushed } = setup();
    q.push({ n: 1 });
    q.push({ n: 2, rendering: "progressive" });
    expect(flushed).toEqual([[1], [2]]);
  });

  it("applies an atomic batch together on the next frame", () => {
    const { q, flushed, tick } = setup();
    q.push({ n: 1, rendering: "atomic", batch_id: "b" });
    q.push({ n: 2, rendering: "atomic", batch_id: "b" });
    expect(flushed).toEqual([]);
    tick();
    expect(flushed).toEqual([[1, 2]]);
  });

  it("keeps order: a progressive event after queued ones waits for them", () => {
    const { q, flushed, tick } = setup();
    q.push({ n: 1, rendering: "grouped" });
    q.push({ n: 2 });
    tick();
    expect(flushed).toEqual([[1, 2]]);
    q.push({ n: 3 });
    expect(flushed).toEqual([[1, 2], [3]]);
  });
});

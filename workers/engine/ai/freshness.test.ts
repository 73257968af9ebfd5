import { describe, expect, it } from "vitest";
import { FreshnessCache, isFresh } from "./freshness";

const entry = (key: string, computedAt: number, generation = 0, bytes = 10) => ({ key, value: key, computedAt, generation, bytes, version: key });

describe("isFresh", () => {
  it("keeps every_dispatch and lazy values until a dispatch, dirty_timer values also at most ms", () => {
    const e = { computedAt: 1000, generation: 3 };
    expect(isFresh({ kind: "every_dispatch" }, e, 1_000_000, 3)).toBe(true);
    expect(isFresh({ kind: "lazy" }, e, 1_000_000, 3)).toBe(true);
    expect(isFresh({ kind: "lazy" }, e, 1001, 4)).toBe(false);
    expect(isFresh({ kind: "dirty_timer", ms: 2000 }, e, 2999, 3)).toBe(true);
    expect(isFresh({ kind: "dirty_timer", ms: 2000 }, e, 3000, 3)).toBe(false);
    expect(isFresh({ kind: "dirty_timer", ms: 2000 }, e, 1500, 4)).toBe(false);
  });
});

describe("FreshnessCache", () => {
  const lazy = { kind: "lazy" } as const;

  it("serves a value per surface and query until invalidated", () => {
    const c = new FreshnessCache<string>();
    c.put("screenshot", entry("rect:0,0,1,1", 0), 0);
    c.put("screenshot", entry("selector:svg", 0), 0);
    expect(c.get("screenshot", "rect:0,0,1,1", lazy, 10)?.value).toBe("rect:0,0,1,1");
    expect(c.get("view", "rect:0,0,1,1", lazy, 10)).toBeUndefined();
    c.invalidate();
    expect(c.get("screenshot", "selector:svg", lazy, 10)).toBeUndefined();
    c.put("screenshot", entry("selector:svg", 20, c.generation), 20);
    expect(c.get("screenshot", "selector:svg", lazy, 30)?.computedAt).toBe(20);
  });

  it("keeps the last N values or the last T ms, whichever bound trips first", () => {
    const c = new FreshnessCache<string>({ entries: 3, maxAgeMs: 1000 });
    for (let i = 0; i < 5; i++) c.put("s", entry(`q${i}`, i * 10), i * 10);
    expect(c.entries("s", 50).map((e) => e.key)).toEqual(["q4", "q3", "q2"]);
    expect(c.entries("s", 1025).map((e) => e.key)).toEqual(["q4", "q3"]);
    expect(c.get("s", "q2", lazy, 1025)).toBeUndefined();
    expect(c.entries("s", 5000)).toEqual([]);
  });

  it("evicts the oldest values past its byte bound and never stores one larger than it", () => {
    const c = new FreshnessCache<string>({ maxBytes: 100 });
    c.put("view", entry("", 0, 0, 60), 0);
    c.put("screenshot", entry("a", 1, 0, 30), 1);
    c.put("screenshot", entry("b", 2, 0, 30), 2);
    expect(c.entries("view", 3)).toEqual([]);
    expect(c.entries("screenshot", 3).map((e) => e.key)).toEqual(["b", "a"]);
    c.put("screenshot", entry("huge", 4, 0, 101), 4);
    expect(c.get("screenshot", "huge", lazy, 5)).toBeUndefined();
  });
});

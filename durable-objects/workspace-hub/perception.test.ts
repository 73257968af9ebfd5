import { describe, expect, it } from "vitest";
import type { PerceptionEvent } from "../../lib/protocol/perception";
import { Perception, type PerceiveRequest } from "./perception";

function harness(browsers = 1) {
  const sent: PerceptionEvent[] = [];
  const p = new Perception({ send: (events) => void sent.push(...events), browsers: () => browsers });
  const queries = () => sent.filter((e): e is Extract<PerceptionEvent, { type: "perception_query" }> => e.type === "perception_query");
  return { p, sent, queries };
}

const agent = { id: "idn_a", name: "Agent A" };
const req = (over: Partial<PerceiveRequest> = {}): PerceiveRequest => ({ surface: "view", query: null, freshness: { kind: "dirty_timer", ms: 60_000 }, live: false, timeoutMs: 2_000, agent, ...over });
const tick = () => new Promise((r) => setTimeout(r, 0));
const VIEW = { tag: "body", children: [] };

describe("Perception (the hub's side)", () => {
  it("asks once for concurrent reads of one surface and query, and caches the answer", async () => {
    const h = harness();
    const [a, b] = [h.p.perceive(req()), h.p.perceive(req())];
    expect(h.queries()).toHaveLength(1);
    expect(h.p.answer({ id: h.queries()[0]!.id, client: "tab-00000001", ok: true, value: VIEW }, 10)).toEqual({ ok: true, accepted: true });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toMatchObject({ ok: true, value: VIEW, cached: false });
    expect(rb).toEqual(ra);
    expect(await h.p.perceive(req())).toMatchObject({ ok: true, cached: true, version: (ra as { version: string }).version });
    expect(await h.p.perceive(req({ live: true, timeoutMs: 1 }))).toMatchObject({ ok: false, code: "perception_timeout" });
    expect(h.queries()).toHaveLength(2);
  });

  it("settles with a browser error once every browser asked has failed, else keeps waiting for a good answer", async () => {
    const h = harness(2);
    const pending = h.p.perceive(req({ surface: "screenshot", query: "selector:#x" }));
    const { id } = h.queries()[0]!;
    expect(h.p.answer({ id, client: "tab-00000001", ok: false, error: { code: "no_match", message: "nothing" } }, 10)).toEqual({ ok: true, accepted: true });
    expect(h.p.answer({ id, client: "tab-00000002", ok: true, value: { png_base64: "iVBORw0KGgo", width: 1, height: 1, rect: { x: 0, y: 0, width: 1, height: 1 } } }, 10)).toEqual({ ok: true, accepted: true });
    expect(await pending).toMatchObject({ ok: true, value: { width: 1 } });

    const failing = h.p.perceive(req({ surface: "screenshot", query: "selector:#y" }));
    const second = h.queries()[1]!.id;
    h.p.answer({ id: second, client: "tab-00000001", ok: false, error: { code: "no_match", message: "nothing" } }, 10);
    h.p.answer({ id: second, client: "tab-00000002", ok: false, error: { code: "no_match", message: "nothing here either" } }, 10);
    expect(await failing).toEqual({ ok: false, code: "no_match", message: "nothing" });
    expect(h.p.answer({ id: second, client: "tab-00000003", ok: true, value: VIEW }, 10)).toEqual({ ok: true, accepted: false });
  });

  it("refuses answers of the wrong shape or for unknown ids without settling anything", async () => {
    const h = harness();
    const pending = h.p.perceive(req({ surface: "anomalies" }));
    const { id } = h.queries()[0]!;
    expect(h.p.answer({ id, client: "tab-00000001", ok: true, value: VIEW }, 10)).toMatchObject({ ok: false, code: "invalid_answer" });
    expect(h.p.answer({ id: "feedfacefeedface", client: "tab-00000001", ok: true, value: [] }, 10)).toMatchObject({ ok: false, code: "not_found" });
    expect(h.p.answer({ id, client: "tab-00000001", ok: true, value: [] }, 10)).toEqual({ ok: true, accepted: true });
    expect(await pending).toMatchObject({ ok: true, value: [] });
  });

  it("answers no_browser without asking, and a value computed across a dispatch is not served from the cache", async () => {
    const none = harness(0);
    expect(await none.p.perceive(req())).toMatchObject({ ok: false, code: "no_browser" });
    expect(none.queries()).toHaveLength(0);

    const h = harness();
    const pending = h.p.perceive(req());
    h.p.invalidate(["graphist:main"]);
    h.p.answer({ id: h.queries()[0]!.id, client: "tab-00000001", ok: true, value: VIEW }, 10);
    await pending;
    const again = h.p.perceive(req());
    expect(h.queries()).toHaveLength(2);
    h.p.answer({ id: h.queries()[1]!.id, client: "tab-00000001", ok: true, value: VIEW }, 10);
    await again;
  });

  it("emits perception_invalidate on the first change after a value was computed, not on every change", async () => {
    const h = harness();
    const invalidations = () => h.sent.filter((e) => e.type === "perception_invalidate");
    h.p.invalidate(["graphist:main"]);
    expect(invalidations()).toHaveLength(0);
    const pending = h.p.perceive(req());
    h.p.answer({ id: h.queries()[0]!.id, client: "tab-00000001", ok: true, value: VIEW }, 10);
    await pending;
    h.p.invalidate(["graphist:main"]);
    h.p.invalidate(["notes:main"]);
    expect(invalidations()).toEqual([{ type: "perception_invalidate", room: "pe:main", rooms: ["graphist:main"], surfaces: ["view", "a11y", "anomalies", "components", "screenshot"] }]);
  });

  it("announces an agent as active once for back-to-back reads, then inactive", async () => {
    const h = harness();
    const active = () => h.sent.filter((e) => e.type === "perception_active").map((e) => (e as { active: boolean }).active);
    const first = h.p.perceive(req({ surface: "components" }));
    h.p.answer({ id: h.queries()[0]!.id, client: "tab-00000001", ok: true, value: [] }, 10);
    await first;
    await h.p.perceive(req({ surface: "components" }));
    await tick();
    expect(active()).toEqual([true]);
    await new Promise((r) => setTimeout(r, 400));
    expect(active()).toEqual([true, false]);
    expect(await h.p.perceive(req({ surface: "components", agent: null }))).toMatchObject({ ok: true, cached: true });
    expect(active()).toEqual([true, false]);
  });
});

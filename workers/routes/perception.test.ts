import { describe, expect, it } from "vitest";
import { addPerson, call, seedWorkspace, type Seeded } from "../test/fixtures";
import { answerAll, openAgentStream, openBrowser, PNG_BASE64, rect, SNAPSHOT, viewNode } from "../test/perception-browser";

async function withGraphist(): Promise<Seeded> {
  const s = await seedWorkspace();
  expect((await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } })).status).toBe(201);
  return s;
}

const query = (s: Seeded, entries: unknown, live = false) => call(`/ai/query${live ? "?live=1" : ""}`, { token: s.owner.token, body: entries });
const view = (q: string) => ({ plugin: "pe", surface: "view", query: q });
const CIRCLES = "[data-plugin=graphist] [data-component=canvas] circle";
const answer = (s: Seeded, body: unknown, ws = s.workspace.id, token = s.owner.token) => call(`/api/w/${ws}/perception/answers`, { token, body });

describe("pe.view over a connected browser", () => {
  it("finds Graphist's canvas circles with CSS, points at them, and tells browsers and agents", async () => {
    const s = await withGraphist();
    const browser = await openBrowser(s.workspace.id, s.owner.token, answerAll);
    const agent = await openAgentStream(s.owner.token);
    const r = await query(s, [view(CIRCLES)]);
    expect(r.status).toBe(200);
    const [entry] = r.body;
    expect(entry.error).toBeUndefined();
    expect(entry.result.map((n: { attrs: Record<string, string> }) => n.attrs["data-id"])).toEqual(["n1", "n2"]);
    expect(entry.result[0]).toMatchObject({ tag: "circle", child_count: 0, rect: rect(50, 60, 20, 20) });
    expect(entry.result[0].children).toBeUndefined();
    expect(entry.meta).toMatchObject({ complete: true, target_rect: rect(50, 60, 120, 120) });
    expect(entry.meta.version_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(Date.parse(entry.meta.last_updated)).toBeGreaterThan(0);

    const q = await browser.waitFor((e) => e.type === "perception_query", "perception_query");
    expect(q).toMatchObject({ room: "pe:main", surface: "view", query: null });
    const target = await browser.waitFor((e) => e.type === "target_rect", "target_rect");
    expect(target).toMatchObject({ room: "pe:main", rect: rect(50, 60, 120, 120), plugin: "graphist", surface: "pe.view", agent: { id: s.owner.id } });
    expect(await browser.waitFor((e) => e.type === "perception_active", "perception_active")).toMatchObject({ active: true, agent: { id: s.owner.id }, surfaces: ["pe.view"] });
    await browser.waitFor((e) => e.type === "perception_active" && e.active === false, "perception_active false");
    // The agents' SSE carries the same perception events.
    await agent.waitFor((e) => e.type === "perception_query", "perception_query on /api/state/stream");
    await agent.waitFor((e) => e.type === "target_rect", "target_rect on /api/state/stream");
    await Promise.all([browser.close(), agent.close()]);
  });

  it("matches tags, ids, classes, attributes, combinators and pseudo-classes; invalid selectors are in-band", async () => {
    const s = await withGraphist();
    const browser = await openBrowser(s.workspace.id, s.owner.token, answerAll);
    const r = await query(s, [
      view("#app.workspace > button[data-role=action]"),
      view("svg[viewBox] circle:nth-child(2)"),
      view("[data-plugin=notes] circle"),
      view("[data-component=canvas]:has(text)"),
      view("button:not([data-role])"),
      view("[[["),
      view("circle:hover-ish"),
      view(""),
    ]);
    expect(r.body[0].result.map((n: { text: string }) => n.text)).toEqual(["Add node"]);
    expect(r.body[1].result.map((n: { attrs: Record<string, string> }) => n.attrs["data-id"])).toEqual(["n2"]);
    expect(r.body[2].result).toHaveLength(1);
    expect(r.body[3].result).toMatchObject([{ tag: "svg", child_count: 3 }]);
    expect(r.body[4]).toMatchObject({ result: [], meta: { target_rect: null } });
    for (const e of r.body.slice(5)) expect(e).toMatchObject({ result: null, error: { code: "invalid_query" } });
    expect(browser.count("perception_query")).toBe(1);
    await browser.close();
  });

  it("serves pe.view from the cache within its dirty timer, asks again with ?live=1 and after a dispatch", async () => {
    const s = await withGraphist();
    const browser = await openBrowser(s.workspace.id, s.owner.token, answerAll);
    const first = await query(s, [view(CIRCLES)]);
    const again = await query(s, [view("circle")]);
    expect(again.body[0].result).toHaveLength(3);
    expect(again.body[0].meta.last_updated).toBe(first.body[0].meta.last_updated);
    expect(browser.count("perception_query")).toBe(1);

    const live = await query(s, [view(CIRCLES)], true);
    expect(live.body[0].result).toHaveLength(2);
    await browser.waitFor((e) => e.type === "perception_query", "a second perception_query", 1 + browser.events.findIndex((e) => e.type === "perception_query"));
    expect(browser.count("perception_query")).toBe(2);

    const d = await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 1, y: 2 } }], ack_timeout_ms: 0 } });
    expect(d.status).toBe(200);
    expect(await browser.waitFor((e) => e.type === "perception_invalidate", "perception_invalidate")).toMatchObject({ room: "pe:main", rooms: ["graphist:main"], surfaces: ["view", "a11y", "anomalies", "components", "screenshot"] });
    await query(s, [view(CIRCLES)]);
    expect(browser.count("perception_query")).toBe(3);
    await browser.close();
  });
});

describe("hostile pe.view queries", () => {
  it("keeps huge outputs and runaway selectors in-band: truncated, payload_too_large, budget_exceeded", async () => {
    const s = await withGraphist();
    const text = "x".repeat(300);
    const circles = Array.from({ length: 3000 }, (_, i) => viewNode("circle", { classes: i < 500 ? ["few"] : [], text }));
    // Minimal nodes (tag and children are all a snapshot needs): 512 levels, 60 leaves each.
    let deep: { tag: string; children: unknown[] } = { tag: "leaf", children: [] };
    for (let i = 0; i < 510; i++) deep = { tag: "div", children: [deep, ...Array.from({ length: 60 }, () => ({ tag: "span", children: [] }))] };
    const snapshot = viewNode("body", {}, [viewNode("svg", {}, circles), deep as never]);
    const browser = await openBrowser(s.workspace.id, s.owner.token, () => ({ value: snapshot }));
    const r = await query(s, [view("circle.few"), view("circle"), view(":has(* no-such-tag)"), view("svg > circle:first-child")]);
    expect(r.status).toBe(200);
    expect(r.body[0].meta).toMatchObject({ complete: false, total_estimate: 500 });
    expect(r.body[0].meta.truncated_at).toBeGreaterThan(10);
    expect(r.body[0].meta.truncated_at).toBeLessThan(500);
    expect(r.body[1]).toMatchObject({ result: null, error: { code: "payload_too_large" } });
    expect(r.body[2]).toMatchObject({ result: null, error: { code: "budget_exceeded" } });
    expect(r.body[3].result).toHaveLength(1);
    expect(browser.count("perception_query")).toBe(1);
    await browser.close();
  });
});

describe("pe.screenshot", () => {
  it("passes a checked selector or rect to the browser and returns its PNG, cached until a dispatch", async () => {
    const s = await withGraphist();
    const browser = await openBrowser(s.workspace.id, s.owner.token, answerAll);
    const shot = { plugin: "pe", surface: "screenshot", query: "selector: [data-plugin=graphist] [data-component=canvas]" };
    const r = await query(s, [shot, { plugin: "pe", surface: "screenshot", query: "rect:0,0,400,300" }]);
    expect(r.body[0]).toMatchObject({ result: [{ png_base64: PNG_BASE64, width: 1, height: 1 }], meta: { target_rect: rect(10, 20, 400, 300), complete: true } });
    expect(r.body[1].meta.target_rect).toEqual(rect(0, 0, 400, 300));
    const queries = browser.events.filter((e) => e.type === "perception_query").map((e) => e.query);
    expect(queries).toEqual(["selector:[data-plugin=graphist] [data-component=canvas]", "rect:0,0,400,300"]);
    // lazy: the same query is served from the cache until a dispatch commits.
    const cached = await query(s, [shot]);
    expect(cached.body[0].meta.last_updated).toBe(r.body[0].meta.last_updated);
    expect(browser.count("perception_query")).toBe(2);
    await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "clear", params: {} }], ack_timeout_ms: 0 } });
    await query(s, [shot]);
    expect(browser.count("perception_query")).toBe(3);
    await browser.close();
  });

  it("refuses malformed queries in-band without asking a browser, and returns browser errors in-band", async () => {
    const s = await withGraphist();
    const browser = await openBrowser(s.workspace.id, s.owner.token, () => ({ error: { code: "not_found", message: "no element matches the selector" } }));
    const shot = (q: string) => ({ plugin: "pe", surface: "screenshot", query: q });
    const r = await query(s, [shot("selector:[[["), shot("rect:1,2"), shot("rect:0,0,0,5"), shot("rect:0,0,5000,5"), shot("png please"), shot("selector:")]);
    expect(r.body.map((e: { error?: { code: string } }) => e.error?.code)).toEqual(Array(6).fill("invalid_query"));
    expect(browser.count("perception_query")).toBe(0);
    const failed = await query(s, [shot("selector:#missing")]);
    expect(failed.body[0]).toMatchObject({ result: null, error: { code: "not_found", message: "no element matches the selector" } });
    await browser.close();
  });
});

describe("without an answering browser", () => {
  it("answers no_browser at once when no browser follows pe:main (an agent's stream does not count)", async () => {
    const s = await withGraphist();
    const agent = await openAgentStream(s.owner.token);
    const r = await query(s, [view(CIRCLES), { plugin: "pe", surface: "a11y", query: "." }, { plugin: "pe", surface: "screenshot", query: "rect:0,0,10,10" }]);
    for (const e of r.body) expect(e).toMatchObject({ result: null, error: { code: "no_browser" } });
    expect(r.body[0].error.message).toMatch(/no browser of this workspace is connected/);
    expect(agent.count("perception_query")).toBe(0);
    await agent.close();
  });

  it("answers perception_timeout when connected browsers never answer, without waiting again in the same request", async () => {
    const s = await withGraphist();
    const browser = await openBrowser(s.workspace.id, s.owner.token, null);
    const r = await query(s, [view(CIRCLES), { plugin: "pe", surface: "screenshot", query: "rect:0,0,10,10" }, { plugin: "pe", surface: "components", query: "." }]);
    for (const e of r.body) expect(e).toMatchObject({ result: null, error: { code: "perception_timeout" } });
    expect(r.body[2].error.message).toMatch(/not asked again/);
    expect(browser.count("perception_query")).toBe(1);
    await browser.close();
  });
});

describe("POST /api/w/:ws/perception/answers", () => {
  it("refuses bad answers (malformed, wrong shape, oversized, unknown id, another workspace) and changes nothing", async () => {
    const s = await withGraphist();
    const other = await seedWorkspace();
    const viewer = await addPerson(s.workspace.id, "viewer");
    const browser = await openBrowser(s.workspace.id, s.owner.token, null);
    const pending = query(s, [view(CIRCLES)]);
    const q = (await browser.waitFor((e) => e.type === "perception_query", "perception_query")) as unknown as { id: string };
    const good = { id: q.id, client: "tab-0000-test", ok: true, value: SNAPSHOT };

    const bad = [
      [await call(`/api/w/${s.workspace.id}/perception/answers`, { token: s.owner.token, raw: "{not json" }), 400],
      [await answer(s, { id: q.id, client: "x", ok: true, value: SNAPSHOT }), 400],
      [await answer(s, { ...good, value: { children: [] } }), 400],
      [await answer(s, { ...good, value: [SNAPSHOT] }), 400],
      [await answer(s, { ...good, value: "x".repeat(7 * 1024 * 1024) }), 413],
      [await answer(s, { ...good, id: "0123456789abcdef" }), 404],
      [await answer(s, good, other.workspace.id, other.owner.token), 404],
      [await answer(s, good, s.workspace.id, other.owner.token), 404],
      [await call(`/api/w/${s.workspace.id}/perception/answers`, { body: good }), 401],
    ] as const;
    for (const [r, status] of bad) {
      expect(r.status).toBe(status);
      expect(r.body.error.code).toEqual(expect.any(String));
      expect(r.body.error.message).toEqual(expect.any(String));
    }
    expect(bad[2][0].body.error.code).toBe("invalid_answer");

    // The query still waits for, and takes, the valid answer — from a viewer of the workspace.
    expect((await answer(s, good, s.workspace.id, viewer.token)).body).toEqual({ ok: true, accepted: true });
    expect((await pending).body[0].result).toHaveLength(2);
    // A second browser's late answer is dropped; once expired the id is unknown.
    expect((await answer(s, good)).body).toEqual({ ok: true, accepted: false });
    await browser.close();
  });

  it("takes a screenshot of a few MB", async () => {
    const s = await withGraphist();
    const big = `iVBORw0KGgo${"A".repeat(3 * 1024 * 1024)}`;
    const browser = await openBrowser(s.workspace.id, s.owner.token, () => ({ value: { png_base64: big, width: 2000, height: 1200, rect: rect(0, 0, 2000, 1200) } }));
    const r = await query(s, [{ plugin: "pe", surface: "screenshot", query: "rect:0,0,2000,1200" }]);
    expect(r.body[0].error).toBeUndefined();
    expect(r.body[0].result[0].png_base64).toHaveLength(big.length);
    expect(await Promise.all(browser.posts)).toMatchObject([{ status: 200, body: { accepted: true } }]);
    await browser.close();
  });
});

describe("the manual's browser recipes", () => {
  it("all succeed with a connected browser", async () => {
    const s = await withGraphist();
    const browser = await openBrowser(s.workspace.id, s.owner.token, answerAll);
    const md = (await call("/ai/manual", { token: s.owner.token })).body as string;
    const recipes = [...md.matchAll(/```ai-query-browser\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!));
    expect(recipes.length).toBeGreaterThanOrEqual(5);
    for (const surface of ["view", "a11y", "anomalies", "components", "screenshot"]) expect(md).toContain(`## Surface \`pe.${surface}\``);
    for (const entries of recipes) {
      const r = await query(s, entries, true);
      expect(r.status).toBe(200);
      expect(r.body[0].error, JSON.stringify(entries)).toBeUndefined();
    }
    await browser.close();
  });
});

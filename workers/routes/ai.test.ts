import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, seedWorkspace, type Seeded } from "../test/fixtures";

async function withPlugins(...names: string[]): Promise<Seeded> {
  const s = await seedWorkspace();
  for (const name of names) {
    const r = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name } });
    expect(r.status).toBe(201);
  }
  return s;
}

const query = (s: Seeded, entries: unknown, headers: Record<string, string> = {}) => call("/ai/query", { token: s.owner.token, body: entries, headers });
const blocks = (md: string, lang: string) => [...md.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)\\n```", "g"))].map((m) => JSON.parse(m[1]!));

describe("GET /ai/manual", () => {
  it("has one H1 per plugin and one H2 per surface and command, with an ETag and 304", async () => {
    const s = await withPlugins("graphist", "pe");
    const r = await call("/ai/manual", { token: s.owner.token });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/markdown/);
    const md = r.body as string;
    const h1 = md.match(/^# .*/gm)!;
    expect(h1).toHaveLength(2);
    expect(h1.join("\n")).toMatch(/Graphist/);
    for (const h2 of ["## Surface `pe.state`", "## Surface `graphist.nodes`", "## Command `graphist.add_node`", "## Command `pe.set_ui`"]) expect(md).toContain(h2);
    const etag = r.headers.get("etag")!;
    expect((await call("/ai/manual", { token: s.owner.token, headers: { "if-none-match": etag } })).status).toBe(304);
    await call(`/api/w/${s.workspace.id}/plugins/graphist`, { token: s.owner.token, method: "DELETE" });
    expect((await call("/ai/manual", { token: s.owner.token, headers: { "if-none-match": etag } })).status).toBe(200);
  });

  it("has examples that all succeed when executed", async () => {
    const s = await withPlugins("graphist", "pe");
    const md = (await call("/ai/manual", { token: s.owner.token })).body as string;
    const dispatches = blocks(md, "ai-dispatch");
    const queries = blocks(md, "ai-query");
    expect(dispatches.length).toBeGreaterThanOrEqual(15);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const [i, d] of dispatches.entries()) {
      // Each example runs on a fresh Graphist document so earlier examples cannot break it.
      const commands = d.commands.map((c: { plugin: string }) => (c.plugin === "graphist" ? { ...c, instance: `example-${i}` } : c));
      const r = await call("/ai/dispatch", { token: s.owner.token, body: { commands, ack_timeout_ms: 0 } });
      expect(r.status, `${JSON.stringify(d)} → ${JSON.stringify(r.body).slice(0, 400)}`).toBe(200);
      expect(r.body.results.every((x: { ok: boolean }) => x.ok)).toBe(true);
    }
    for (const q of queries) {
      const r = await query(s, q);
      expect(r.status).toBe(200);
      expect(r.body[0].error, JSON.stringify(q)).toBeUndefined();
    }
  });
});

describe("POST /ai/query", () => {
  it("answers jq over a plugin surface and pe.state with the envelope", async () => {
    const s = await withPlugins("graphist");
    await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 1, y: 2, label: "A" } }], ack_timeout_ms: 0 } });
    const r = await query(s, [
      { plugin: "graphist", surface: "nodes", query: "[.[].label]" },
      { plugin: "pe", surface: "state", query: ".version" },
    ]);
    expect(r.body[0]).toMatchObject({ result: [["A"]], meta: { complete: true, truncated_at: null, target_rect: null } });
    expect(r.body[0].meta.version_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(r.body[1].result).toEqual([{ graphist: 1 }]);
  });

  it("truncates over the soft budget and refuses over the hard budget in-band, others unaffected", async () => {
    const s = await withPlugins();
    const r = await query(s, [
      { plugin: "pe", surface: "state", query: "[range(20000)]" },
      { plugin: "pe", surface: "state", query: "[range(200000)]" },
      { plugin: "pe", surface: "state", query: "1 + 1" },
    ]);
    expect(r.status).toBe(200);
    expect(r.body[0].meta).toMatchObject({ complete: false, total_estimate: 20000 });
    expect(r.body[0].meta.truncated_at).toBeGreaterThan(1000);
    expect(r.body[0].meta.truncated_at).toBeLessThan(20000);
    expect(r.body[1]).toMatchObject({ result: null, error: { code: "payload_too_large" } });
    expect(r.body[1].error.suggested_narrowings.length).toBeGreaterThan(0);
    expect(r.body[2]).toMatchObject({ result: [2], meta: { complete: true } });
  });

  it("answers 413 only past the global limit, and streams NDJSON without byte budgets", async () => {
    const s = await withPlugins();
    const many = Array.from({ length: 70 }, () => ({ plugin: "pe", surface: "state", query: "[range(20000)]" }));
    const r = await query(s, many);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("payload_too_large");
    const nd = await query(s, [{ plugin: "pe", surface: "state", query: "[range(20000)]" }, { plugin: "pe", surface: "state", query: "2" }], { accept: "application/x-ndjson" });
    const lines = (nd.body as string).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].result[0]).toHaveLength(20000);
    expect(lines[0].meta.complete).toBe(true);
  }, 30_000);

  it("keeps hostile queries in-band: recursion, endless output, malformed, unknown surface, thousands of entries", async () => {
    const s = await withPlugins("graphist");
    const r = await query(s, [
      { plugin: "pe", surface: "state", query: "def f: f; f" },
      { plugin: "pe", surface: "state", query: "[range(1e9)]" },
      { plugin: "pe", surface: "state", query: "repeat(.)" },
      { plugin: "pe", surface: "state", query: ".[" },
      { plugin: "graphist", surface: "nope", query: "." },
      { plugin: "pe", surface: "view", query: "circle" },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.map((e: { error?: { code: string } }) => e.error?.code)).toEqual(["budget_exceeded", "budget_exceeded", "payload_too_large", "invalid_query", "unknown_surface", "no_browser"]);
    expect((await query(s, Array.from({ length: 5000 }, () => ({ plugin: "pe", surface: "state", query: "." })))).status).toBe(413);
    expect((await query(s, { not: "an array" })).status).toBe(400);
  });
});

describe("POST /ai/dispatch", () => {
  it("runs through the same engine with Source ai and the token's identity, returning state and ack", async () => {
    const s = await withPlugins("graphist");
    const r = await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 5, y: 5 } }], changeset: "ai-1" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ commands_executed: 1, versions: { "graphist:main": 1 }, ack: { rendered_by: 0, timed_out: true } });
    expect(r.body.state["graphist:main"].nodes).toHaveLength(1);
    const h = await call(`/api/w/${s.workspace.id}/p/graphist/history`, { token: s.owner.token });
    expect(h.body.records[0]).toMatchObject({ source: "ai", changeset: "ai-1", author: { id: s.owner.id } });
    expect(h.body.records[0].trailers).toContainEqual(["Source", "ai"]);
    const noWait = await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "clear", params: {} }], ack_timeout_ms: 0 } });
    expect(noWait.body.ack).toEqual({ rendered_by: 0, version: 2, timed_out: false });
  });

  it("needs a token or session, and the member role", async () => {
    expect((await call("/ai/manual")).status).toBe(401);
    const s = await withPlugins("graphist");
    const other = await seedWorkspace();
    const theirs = await call("/ai/dispatch", { token: other.owner.token, body: { commands: [{ plugin: "graphist", command: "clear", params: {} }] } });
    expect(theirs.body.error.code).toBe("not_installed");
    expect((await call(`/api/w/${s.workspace.id}/p/graphist/state`, { token: s.owner.token })).body.version).toBe(0);
  });
});

describe("GET /api/state/stream", () => {
  it("streams state events of the token's workspace to an agent", async () => {
    const s = await withPlugins("graphist");
    const res = await SELF.fetch("http://frameos.test/api/state/stream", { headers: { authorization: `Bearer ${s.owner.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 1, y: 1 } }], ack_timeout_ms: 0 } });
    let text = "";
    for (let i = 0; i < 50 && !text.includes("event: state"); i++) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain("event: state");
    expect(text).toContain('"room":"graphist:main"');
  });
});

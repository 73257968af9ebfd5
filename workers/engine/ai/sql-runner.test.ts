import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, seedWorkspace, type Seeded } from "../../test/fixtures";

const q = (s: Seeded, surface: string, query: string, extra: Record<string, unknown> = {}) =>
  call("/ai/query", { token: s.owner.token, body: [{ plugin: "pe", surface, query, ...extra }] });

async function dispatched(): Promise<Seeded> {
  const s = await seedWorkspace();
  expect((await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } })).status).toBe(201);
  for (const label of ["A", "B", "C"]) {
    const r = await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 1, y: 2, label } }], ack_timeout_ms: 0 } });
    expect(r.status).toBe(200);
  }
  return s;
}

const count = async (s: Seeded) => {
  const r = await q(s, "changelog", "SELECT count(*) AS n FROM changelog");
  expect(r.body[0].error, JSON.stringify(r.body[0])).toBeUndefined();
  return r.body[0].result[0].n as number;
};

describe("SQL surfaces in workerd", () => {
  it("pe.changelog answers SQL over the rooms' dispatch history", async () => {
    const s = await dispatched();
    const r = await q(s, "changelog", "SELECT room, command, source, author_type, summary FROM changelog WHERE command = 'add_node' ORDER BY version");
    expect(r.status).toBe(200);
    expect(r.body[0].result).toHaveLength(3);
    expect(r.body[0].result[0]).toMatchObject({ room: "graphist:main", command: "add_node", source: "ai" });
    expect(r.body[0].meta).toMatchObject({ complete: true });
    expect(r.body[0].meta.version_hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("refuses writes, other tables and escapes in-band, changing nothing, and keeps answering", async () => {
    const s = await dispatched();
    const before = await count(s);
    const hostile: [string, string][] = [
      ["INSERT INTO changelog (command) VALUES ('x')", "read_only"],
      ["UPDATE changelog SET command = 'x'", "read_only"],
      ["DELETE FROM changelog", "read_only"],
      ["DROP TABLE changelog", "read_only"],
      ["CREATE TABLE t AS SELECT * FROM changelog", "read_only"],
      ["ATTACH DATABASE 'file:x?mode=memory' AS x", "read_only"],
      ["DETACH DATABASE main", "read_only"],
      ["PRAGMA query_only = 0", "read_only"],
      ["PRAGMA writable_schema = 1", "read_only"],
      ["SELECT name, sql FROM sqlite_master", "read_only"],
      ["SELECT * FROM network", "invalid_query"],
      ["SELECT * FROM installed_plugins", "invalid_query"],
      ["SELECT * FROM _sys_history", "invalid_query"],
      ["SELECT 1; DELETE FROM changelog", "invalid_query"],
      ["SELECT * FROM changelog WHERE", "invalid_query"],
      ["SELECT load_extension('mod')", "invalid_query"],
      ["WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c", "budget_exceeded"],
      ["WITH n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT count(*) FROM n a, n b, n c", "budget_exceeded"],
      ["SELECT count(*) FROM changelog a, changelog b, changelog c, changelog d, changelog e, changelog f, changelog g, changelog h, changelog i, changelog j, changelog k, changelog l, changelog m, changelog n, changelog o", "budget_exceeded"],
      ["SELECT randomblob(1000000000)", "budget_exceeded"],
      ["WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 200) SELECT count(*) FROM (SELECT randomblob(900000) AS b FROM c ORDER BY b)", "budget_exceeded"],
    ];
    for (const [sql, code] of hostile) {
      const r = await q(s, "changelog", sql);
      expect(r.status, sql).toBe(200);
      expect(r.body[0].result, sql).toBeNull();
      expect(r.body[0].error.code, `${sql} → ${JSON.stringify(r.body[0].error)}`).toBe(code);
      expect(await count(s), sql).toBe(before);
    }
    // The room is not stalled: a dispatch after the hostile queries still lands.
    const d = await call("/ai/dispatch", { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 5, y: 5, label: "after" } }], ack_timeout_ms: 0 } });
    expect(d.status).toBe(200);
    expect(await count(s)).toBe(before + 1);
  });

  it("shares one step budget across a request's SQL entries, so a batch of runaways stays bounded", async () => {
    const s = await dispatched();
    const runaway = { plugin: "pe", surface: "changelog", query: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c" };
    const r = await call("/ai/query", { token: s.owner.token, body: [...Array.from({ length: 199 }, () => runaway), { plugin: "pe", surface: "state", query: ".plugins | length" }] });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(200);
    expect(r.body.slice(0, 199).every((e: { error?: { code: string } }) => e.error?.code === "budget_exceeded")).toBe(true);
    expect(r.body[198].error.message).toMatch(/this request's SQL budget/);
    expect(r.body[199].result).toEqual([1]);
    expect(await count(s)).toBe(3);
  });

  it("streams SQL rows as NDJSON past the byte budgets", async () => {
    const s = await dispatched();
    const res = await SELF.fetch("http://frameos.test/ai/query", {
      method: "POST",
      headers: { authorization: `Bearer ${s.owner.token}`, "content-type": "application/json", accept: "application/x-ndjson" },
      body: JSON.stringify([{ plugin: "pe", surface: "changelog", query: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, printf('%080d', i) AS pad FROM n" }]),
    });
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].meta.complete).toBe(true);
    expect(lines[0].result).toHaveLength(20_000);
  });

  it("never sees another workspace's rows", async () => {
    const a = await dispatched();
    const b = await seedWorkspace();
    const r = await q(b, "changelog", "SELECT count(*) AS n FROM changelog");
    expect(r.body[0].result).toEqual([{ n: 0 }]);
    expect(await count(a)).toBe(3);
  });

  it("truncates by row over the soft budget and answers payload_too_large in-band over the hard one", async () => {
    const s = await dispatched();
    const soft = await q(s, "changelog", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT i, printf('%040d', i) AS pad FROM n");
    expect(soft.body[0].meta.complete).toBe(false);
    expect(soft.body[0].meta.truncated_at).toBeGreaterThan(0);
    expect(soft.body[0].meta.total_estimate).toBe(3000);
    expect(soft.body[0].result.length).toBe(soft.body[0].meta.truncated_at);
    const hard = await call("/ai/query", {
      token: s.owner.token,
      body: [
        { plugin: "pe", surface: "changelog", query: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i, printf('%080d', i) AS pad FROM n" },
        { plugin: "pe", surface: "changelog", query: "SELECT count(*) AS n FROM changelog" },
      ],
    });
    expect(hard.status).toBe(200);
    expect(hard.body[0].result).toBeNull();
    expect(hard.body[0].error.code).toBe("payload_too_large");
    expect(hard.body[0].error.suggested_narrowings[0]).toMatch(/^SELECT count\(\*\) AS n FROM \(/);
    expect(hard.body[1].result).toEqual([{ n: 3 }]);
  });
});

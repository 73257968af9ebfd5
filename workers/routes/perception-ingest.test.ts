import { describe, expect, it } from "vitest";
import { addPerson, call, eventually, login, seedWorkspace, type Seeded } from "../test/fixtures";

const CLIENT = "tab_0123456789";
const sql = (s: Seeded, surface: string, query: string) => call("/ai/query", { token: s.owner.token, body: [{ plugin: "pe", surface, query }] });
const rows = async (s: Seeded, surface: string, query: string) => {
  const r = await sql(s, surface, query);
  expect(r.body[0].error, JSON.stringify(r.body[0].error)).toBeUndefined();
  return r.body[0].result as Record<string, unknown>[];
};

/** The log is written after the response (waitUntil): poll until `ok` holds. */
const consoleBatch = (n = 2) => ({
  client: CLIENT,
  entries: Array.from({ length: n }, (_, i) => ({ at: `2026-11-21T10:00:0${i % 10}.000Z`, level: i % 2 ? "error" : "log", message: `line ${i}`, source: "app.js:1" })),
});

describe("POST /api/w/:ws/perception/console and /mutations", () => {
  it("stores a viewer's batches for that workspace only, readable as pe.console and pe.mutations", async () => {
    const s = await seedWorkspace();
    const other = await seedWorkspace();
    const viewer = await addPerson(s.workspace.id, "viewer");
    const r = await call(`/api/w/${s.workspace.id}/perception/console`, { token: viewer.token, body: consoleBatch(3) });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 3 });
    const m = await call(`/api/w/${s.workspace.id}/perception/mutations`, {
      token: viewer.token,
      body: { client: CLIENT, entries: [{ at: "2026-11-21T10:00:00.000Z", target: "[data-plugin=graphist] circle", kind: "childList", detail: "+1" }] },
    });
    expect(m.status).toBe(202);
    expect(await rows(s, "console", "SELECT level, message, source, client, identity FROM console ORDER BY id")).toEqual([
      { level: "log", message: "line 0", source: "app.js:1", client: CLIENT, identity: viewer.id },
      { level: "error", message: "line 1", source: "app.js:1", client: CLIENT, identity: viewer.id },
      { level: "log", message: "line 2", source: "app.js:1", client: CLIENT, identity: viewer.id },
    ]);
    expect(await rows(s, "mutations", "SELECT kind, target, detail FROM mutations")).toEqual([{ kind: "childList", target: "[data-plugin=graphist] circle", detail: "+1" }]);
    expect(await rows(other, "console", "SELECT count(*) AS n FROM console")).toEqual([{ n: 0 }]);
    expect(await rows(other, "mutations", "SELECT count(*) AS n FROM mutations")).toEqual([{ n: 0 }]);
  });

  it("refuses malformed, oversized, anonymous and cross-workspace posts, storing nothing", async () => {
    const s = await seedWorkspace();
    const other = await seedWorkspace();
    const path = `/api/w/${s.workspace.id}/perception/console`;
    const bad: [unknown, number][] = [
      [{}, 400],
      [{ client: CLIENT, entries: [] }, 400],
      [{ client: "x", entries: consoleBatch().entries }, 400],
      [{ client: CLIENT, entries: [{ at: "yesterday", level: "log", message: "m" }] }, 400],
      [{ client: CLIENT, entries: [{ at: "2026-11-21T10:00:00.000Z", level: "fatal", message: "m" }] }, 400],
      [{ client: CLIENT, entries: [{ at: "2026-11-21T10:00:00.000Z", level: "log", message: "m".repeat(4_001) }] }, 400],
      [consoleBatch(501), 400],
    ];
    for (const [body, status] of bad) {
      const r = await call(path, { token: s.owner.token, body });
      expect(r.status, JSON.stringify(body).slice(0, 100)).toBe(status);
      expect(r.body.error.code).toBeTruthy();
    }
    expect((await call(path, { token: s.owner.token, raw: "{not json" })).status).toBe(400);
    const huge = await call(path, { token: s.owner.token, raw: JSON.stringify({ client: CLIENT, entries: [{ at: "2026-11-21T10:00:00.000Z", level: "log", message: "x".repeat(2_000_000) }] }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
    expect((await call(path, { body: consoleBatch() })).status).toBe(401);
    // Another workspace's token cannot write here, nor learn that the workspace exists.
    expect((await call(path, { token: other.owner.token, body: consoleBatch() })).status).toBe(404);
    expect((await call(`/api/w/${s.workspace.id}/perception/mutations`, { token: other.owner.token, body: { client: CLIENT, entries: [{ at: "2026-11-21T10:00:00.000Z", target: "a", kind: "attributes" }] } })).status).toBe(404);
    expect(await rows(s, "console", "SELECT count(*) AS n FROM console")).toEqual([{ n: 0 }]);
    expect(await rows(other, "console", "SELECT count(*) AS n FROM console")).toEqual([{ n: 0 }]);
  });
});

describe("pe.network and pe.log", () => {
  it("show a request made by this test with its status, duration and identity, and a warn line for a failure", async () => {
    const s = await seedWorkspace();
    const ok = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token });
    expect(ok.status).toBe(200);
    const requestId = ok.headers.get("x-request-id");
    const missing = await call(`/api/w/${s.workspace.id}/plugins/nope`, { token: s.owner.token, method: "DELETE" });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    const net = await eventually(
      () => rows(s, "network", `SELECT method, path, status, duration_ms, identity, identity_type, token_id, request_id FROM network WHERE request_id = '${requestId}'`),
      (r) => r.length === 1,
    );
    expect(net).toHaveLength(1);
    expect(net[0]).toMatchObject({ method: "GET", path: `/api/w/${s.workspace.id}/plugins`, status: 200, identity: s.owner.id, identity_type: "human", request_id: requestId });
    expect(net[0]!.duration_ms).toEqual(expect.any(Number));
    expect(net[0]!.token_id).toMatch(/^tok_/);
    const failed = await eventually(() => rows(s, "log", "SELECT level, message, route FROM log"), (r) => r.length >= 1);
    expect(failed[0]).toMatchObject({ level: "warn", route: `DELETE /api/w/${s.workspace.id}/plugins/nope` });
    expect(failed[0]!.message).toContain(String(missing.status));
  });

  it("logs a browser session only where it is a member, never secrets or query strings", async () => {
    const s = await seedWorkspace();
    const outsider = await seedWorkspace();
    const cookie = await login(outsider.owner.email, outsider.owner.password);
    // The outsider probes this workspace: 404, and nothing lands in its logs.
    expect((await call(`/api/w/${s.workspace.id}/plugins`, { cookie })).status).toBe(404);
    const mine = await call(`/api/w/${outsider.workspace.id}/plugins?secret=abc`, { cookie });
    expect(mine.status).toBe(200);
    const theirs = await eventually(
      () => rows(outsider, "network", "SELECT path, identity_type, token_id FROM network WHERE path LIKE '%/plugins'"),
      (r) => r.length >= 1,
    );
    expect(theirs).toEqual([{ path: `/api/w/${outsider.workspace.id}/plugins`, identity_type: "human", token_id: null }]);
    expect(await rows(s, "network", "SELECT count(*) AS n FROM network WHERE identity_type = 'human' AND token_id IS NULL")).toEqual([{ n: 0 }]);
  });
});

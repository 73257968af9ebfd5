import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, seedWorkspace } from "../../test/fixtures";
import { sweepExpired } from "../../scheduled";
import { LOG_CAP, pruneStatement } from "./sql-logs";

const count = async (table: string, ws: string, where = "1") =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ? AND ${where}`).bind(ws).first<{ n: number }>())!.n;

/** `n` rows for `ws`, received `ageHours` ago. */
async function fill(ws: string, n: number, ageHours = 0) {
  await env.DB.prepare(
    `INSERT INTO browser_console (workspace_id, client, identity, at, level, message, source, received_at)
     WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
     SELECT ?1, 'tab_fill0000', 'idn_x', '2026-01-01T00:00:00.000Z', 'log', 'old ' || i, '', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?3) FROM k`,
  )
    .bind(ws, n, `-${ageHours} hours`)
    .run();
}

describe("per-workspace log caps", () => {
  it("keep the newest LOG_CAP rows and drop rows older than a day, in that workspace only", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    await fill(a.workspace.id, 10, 30);
    await fill(a.workspace.id, LOG_CAP + 40);
    await fill(b.workspace.id, 10, 30);
    const r = await call(`/api/w/${a.workspace.id}/perception/console`, {
      token: a.owner.token,
      body: { client: "tab_0123456789", entries: [{ at: "2026-11-21T10:00:00.000Z", level: "warn", message: "newest", source: "" }] },
    });
    expect(r.status).toBe(202);
    expect(await count("browser_console", a.workspace.id)).toBe(LOG_CAP);
    expect(await count("browser_console", a.workspace.id, "message = 'newest'")).toBe(1);
    expect(await count("browser_console", a.workspace.id, "received_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')")).toBe(0);
    expect(await count("browser_console", b.workspace.id)).toBe(10);
    await pruneStatement(env, "browser_console", b.workspace.id).run();
    expect(await count("browser_console", b.workspace.id)).toBe(0);
    // pe.console reads the capped table.
    const q = await call("/ai/query", { token: a.owner.token, body: [{ plugin: "pe", surface: "console", query: "SELECT count(*) AS n, max(message) AS last FROM console WHERE level = 'warn'" }] });
    expect(q.body[0].result).toEqual([{ n: 1, last: "newest" }]);
  });

  it("the minute cron drops day-old rows of quiet workspaces and keeps young ones", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    await fill(a.workspace.id, 5, 30);
    await fill(b.workspace.id, 3, 25);
    await fill(a.workspace.id, 2);
    await env.DB.prepare("INSERT INTO request_log (workspace_id, at, method, path, status, duration_ms, identity, identity_name, identity_type, request_id) VALUES (?1, ?2, 'GET', '/x', 200, 1, 'i', 'n', 'human', 'r1'), (?1, ?3, 'GET', '/y', 200, 1, 'i', 'n', 'human', 'r2')")
      .bind(b.workspace.id, new Date(Date.now() - 26 * 3600_000).toISOString(), new Date().toISOString())
      .run();
    await sweepExpired(env);
    expect(await count("browser_console", a.workspace.id)).toBe(2);
    expect(await count("browser_console", b.workspace.id)).toBe(0);
    expect(await count("request_log", b.workspace.id, "path = '/x'")).toBe(0);
    expect(await count("request_log", b.workspace.id, "path = '/y'")).toBe(1);
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, seedWorkspace } from "../test/fixtures";
import { approvedAgent, deploy, developer, platformAdmin } from "../engine/marketplace/fixtures";

describe("developers", () => {
  it("registers the caller once, with the identity's email", async () => {
    const { owner } = await seedWorkspace();
    const r = await call("/api/developers/register", { token: owner.token, body: { name: "Ada", company: "Engines Ltd" } });
    expect(r.status).toBe(201);
    expect(r.body.developer).toMatchObject({ name: "Ada", company: "Engines Ltd", email: owner.email, status: "active" });
    expect((await call("/api/developers/register", { token: owner.token, body: { name: "Again" } })).status).toBe(409);
    expect((await call("/api/developers/me", { token: owner.token })).body.developer.id).toBe(r.body.developer.id);
    expect((await call("/api/developers/register", { token: owner.token, body: { name: "" } })).status).toBe(400);
  });

  it("answers 403 for analytics of someone who is not a developer", async () => {
    const { owner } = await seedWorkspace();
    const r = await call("/api/developers/analytics", { token: owner.token });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("not_a_developer");
  });

  it("reports executions, success rate, average and p95 duration per agent and day", async () => {
    const dev = await developer();
    const agent = await approvedAgent(dev, await platformAdmin());
    const user = await seedWorkspace();
    const dep = await deploy(user.owner.token, agent.id);
    const day = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const insert = (i: number, created: string, status: string, duration: number | null) =>
      env.DB.prepare(
        `INSERT INTO agent_executions (id, deployment_id, agent_id, version, identity_id, workspace_id, inputs, status, queue, created_at, duration_ms)
         VALUES (?1, ?2, ?3, '1.0.0', ?4, ?5, '{}', ?6, 'free', ?7, ?8)`,
      ).bind(`exe_t${i}_${agent.id}`, dep, agent.id, user.owner.id, user.workspace.id, status, created, duration);
    // Today: 20 finished runs of 10..200 ms (19 successes), and one still queued.
    const today = Array.from({ length: 20 }, (_, i) => insert(i, `${day}T00:00:${String(i).padStart(2, "0")}.000Z`, i === 0 ? "failed" : "success", (i + 1) * 10));
    await env.DB.batch([...today, insert(99, `${day}T01:00:00.000Z`, "queued", null), insert(100, `${yesterday}T12:00:00.000Z`, "timeout", 5000)]);
    const r = await call("/api/developers/analytics", { token: dev.owner.token });
    expect(r.status).toBe(200);
    const rows = r.body.rows.filter((x: { agent_id: string }) => x.agent_id === agent.id);
    expect(rows).toEqual([
      { agent_id: agent.id, slug: agent.slug, day, executions: 21, finished: 20, successful: 19, success_rate: 0.95, avg_duration_ms: 105, p95_duration_ms: 190 },
      { agent_id: agent.id, slug: agent.slug, day: yesterday, executions: 1, finished: 1, successful: 0, success_rate: 0, avg_duration_ms: 5000, p95_duration_ms: 5000 },
    ]);
  });
});

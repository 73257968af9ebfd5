import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { queueExecution, seedAgent, waitForStatus } from "../../durable-objects/execution-room/test-fixtures";
import { executionRoom, executionScheduler } from "../engine/marketplace/runner";
import { call, seedWorkspace } from "../test/fixtures";
import { approvedAgent, b64, CLEAN_CODE, deploy, developer, platformAdmin } from "../engine/marketplace/fixtures";

const auditOf = (agentId: string) =>
  env.DB.prepare("SELECT action, actor_id, details FROM audit_log WHERE target = ?1 AND action IN ('agent.suspend', 'agent.reinstate') ORDER BY id").bind(agentId).all<{ action: string; actor_id: string; details: string }>();

describe("admin suspension", () => {
  it("suspends an agent: out of the catalog, no deploys, no runs; reinstating brings it back; both audited", async () => {
    const dev = await developer();
    const admin = await platformAdmin();
    const agent = await approvedAgent(dev, admin);
    const user = await seedWorkspace();
    const dep = await deploy(user.owner.token, agent.id);

    // Only platform admins, with a reason.
    expect((await call(`/api/admin/agents/${agent.id}/suspend`, { token: user.owner.token, body: { reason: "spam" } })).status).toBe(403);
    const noReason = await call(`/api/admin/agents/${agent.id}/suspend`, { token: admin.token, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ path: "reason" })]);
    expect((await call(`/api/admin/agents/nope/suspend`, { token: admin.token, body: { reason: "x" } })).status).toBe(404);

    const s = await call(`/api/admin/agents/${agent.slug}/suspend`, { token: admin.token, body: { reason: "mines coins" } });
    expect(s.status).toBe(200);
    expect(s.body).toEqual({ agent_id: agent.id, slug: agent.slug, status: "suspended", previous_status: "approved", reason: "mines coins" });
    expect((await call(`/api/admin/agents/${agent.id}/suspend`, { token: admin.token, body: { reason: "again" } })).status).toBe(409);

    // Gone for everyone else; admins still see it.
    expect((await call(`/api/agents/${agent.slug}`, { token: user.owner.token })).status).toBe(404);
    expect((await call(`/api/agents/${agent.slug}`)).status).toBe(404);
    const listed = await call(`/api/agents?search=${encodeURIComponent(agent.manifest.name as string)}`, { token: user.owner.token });
    expect(listed.body.agents.map((a: { id: string }) => a.id)).not.toContain(agent.id);
    expect((await call(`/api/agents/${agent.slug}`, { token: admin.token })).body.agent.status).toBe("suspended");

    // No new deployments, no runs of existing ones: 409 agent_suspended with the reason.
    const d = await call(`/api/agents/${agent.id}/deploy`, { token: user.owner.token, body: { config: {} } });
    expect(d.status).toBe(409);
    expect(d.body.error).toMatchObject({ code: "agent_suspended", details: { reason: "mines coins" } });
    const x = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: { text: "hi" } } });
    expect(x.status).toBe(409);
    expect(x.body.error.code).toBe("agent_suspended");
    expect(x.body.error.message).toMatch(/suspended.*mines coins/);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM agent_executions WHERE deployment_id = ?1").bind(dep).first<{ n: number }>())?.n).toBe(0);

    // A version approved meanwhile does not lift the suspension.
    const r = await call(`/api/admin/agents/${agent.id}/reinstate`, { token: user.owner.token, body: {} });
    expect(r.status).toBe(403);
    const back = await call(`/api/admin/agents/${agent.id}/reinstate`, { token: admin.token, body: { reason: "appeal accepted" } });
    expect(back.body).toMatchObject({ status: "approved", previous_status: "suspended" });
    expect((await call(`/api/admin/agents/${agent.id}/reinstate`, { token: admin.token, body: {} })).status).toBe(409);
    expect((await call(`/api/agents/${agent.slug}`, { token: user.owner.token })).status).toBe(200);
    const again = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: { text: "hi" } } });
    expect(again.status).toBe(202);

    const rows = (await auditOf(agent.id)).results;
    expect(rows.map((a) => a.action)).toEqual(["agent.suspend", "agent.reinstate"]);
    expect(rows.every((a) => a.actor_id === admin.id)).toBe(true);
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ reason: "mines coins", previous_status: "approved" });
  });

  it("refuses a queued run of an agent suspended before it started, saying why", async () => {
    const agent = await seedAgent({ code: `console.log(JSON.stringify({ ran: true }))` });
    const id = await queueExecution(agent);
    const admin = await platformAdmin();
    expect((await call(`/api/admin/agents/${agent.agentId}/suspend`, { token: admin.token, body: { reason: "malware" } })).status).toBe(200);
    expect(await executionRoom(env, id).start(id, 1)).toMatchObject({ ok: true, status: "failed" });
    const row = await waitForStatus(id, ["success", "failed"]);
    expect(row.status).toBe("failed");
    expect(row.error_message).toMatch(/suspended by the platform \(malware\)/);
    expect(row.started_at).toBeNull();
  });

  it("refuses a run that waited for a concurrency slot when its agent was suspended meanwhile", async () => {
    await executionScheduler(env).setCapacity(1);
    try {
      const busy = await seedAgent({ code: `console.log("busy"); setInterval(() => {}, 1000);` });
      const agent = await seedAgent({ code: `console.log(JSON.stringify({ ran: true }))` });
      const [a, b] = [await queueExecution(busy), await queueExecution(agent)];
      expect(await executionRoom(env, a).start(a, 1)).toMatchObject({ status: "running" });
      expect(await executionRoom(env, b).start(b, 1)).toMatchObject({ status: "queued", position: 1 });
      const admin = await platformAdmin();
      await call(`/api/admin/agents/${agent.agentId}/suspend`, { token: admin.token, body: { reason: "abuse" } });
      await executionRoom(env, a).cancel(a); // frees the slot: b is granted, then refused
      const row = await waitForStatus(b, ["success", "failed"]);
      expect(row.status).toBe("failed");
      expect(row.error_message).toMatch(/suspended by the platform \(abuse\)/);
      expect(row.started_at).toBeNull();
    } finally {
      await executionScheduler(env).setCapacity(null);
    }
  });

  it("keeps an agent suspended when an admin approves a new version of it", async () => {
    const dev = await developer();
    const admin = await platformAdmin();
    const agent = await approvedAgent(dev, admin);
    await call(`/api/admin/agents/${agent.id}/suspend`, { token: admin.token, body: { reason: "under investigation" } });
    const v2 = await call(`/api/agents/${agent.id}/versions`, { token: dev.owner.token, body: { manifest: { ...agent.manifest, version: "1.1.0" }, code: b64(CLEAN_CODE) } });
    expect(v2.status).toBe(201);
    const ok = await call(`/api/admin/agents/${agent.id}/review`, { token: admin.token, body: { decision: "approve" } });
    expect(ok.body).toMatchObject({ status: "suspended", current_version: "1.1.0" });
    const row = await env.DB.prepare("SELECT status, review_reason FROM agent_definitions WHERE id = ?1").bind(agent.id).first();
    expect(row).toEqual({ status: "suspended", review_reason: "under investigation" });
  });
});

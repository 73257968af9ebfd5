import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addPerson, call, login, seedWorkspace } from "../test/fixtures";
import { approvedAgent, deploy, developer, exhaust, platformAdmin } from "../engine/marketplace/fixtures";

async function runningSetup() {
  const dev = await developer();
  const agent = await approvedAgent(dev, await platformAdmin());
  const user = await seedWorkspace();
  const dep = await deploy(user.owner.token, agent.id);
  const run = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: { text: "x" } } });
  expect(run.status).toBe(202);
  return { agent, user, dep, executionId: run.body.execution_id as string };
}

describe("another workspace", () => {
  it("cannot see, run, poll, cancel or stream another workspace's deployment and execution", async () => {
    const { agent, user, dep, executionId } = await runningSetup();
    const stranger = await seedWorkspace();
    const tok = stranger.owner.token;
    const exec = await call(`/api/agents/${agent.id}/execute`, { token: tok, body: { deployment_id: dep, inputs: { text: "x" } } });
    expect(exec.status).toBe(404);
    expect(exec.body.error.message).toBe("deployment not found");
    expect((await call(`/api/executions/${executionId}`, { token: tok })).status).toBe(404);
    expect((await call(`/api/executions/${executionId}/cancel`, { token: tok, method: "POST" })).status).toBe(404);
    expect((await call(`/api/executions/${executionId}/logs`, { token: tok })).status).toBe(404);
    expect((await call("/api/deployments", { token: tok })).body.deployments).toEqual([]);
    // A token of the owner's other workspace is bound to that workspace: 404 too.
    const second = await addPerson(stranger.workspace.id, "member");
    await env.DB.prepare("INSERT INTO memberships (workspace_id, identity_id, role) VALUES (?1, ?2, 'member')").bind(user.workspace.id, second.id).run();
    expect((await call(`/api/executions/${executionId}`, { token: second.token })).status).toBe(404);
    // With a session, membership decides.
    const cookie = await login(second.email, second.password);
    expect((await call(`/api/executions/${executionId}`, { cookie })).status).toBe(200);
    // Deploying into a workspace the caller does not belong to is a 404.
    expect((await call(`/api/agents/${agent.id}/deploy`, { token: tok, body: { workspace_id: user.workspace.id, config: {} } })).status).toBe(404);
  });

  it("lets a viewer poll but not run", async () => {
    const { agent, user, dep, executionId } = await runningSetup();
    const viewer = await addPerson(user.workspace.id, "viewer");
    expect((await call(`/api/executions/${executionId}`, { token: viewer.token })).status).toBe(200);
    expect((await call(`/api/agents/${agent.id}/execute`, { token: viewer.token, body: { deployment_id: dep, inputs: { text: "x" } } })).status).toBe(403);
  });
});

describe("executions", () => {
  it("polls an execution with its status, timestamps and queue", async () => {
    const { user, executionId } = await runningSetup();
    const r = await call(`/api/executions/${executionId}`, { token: user.owner.token });
    expect(r.body.execution).toMatchObject({ id: executionId, queue: "free", inputs: { text: "x" } });
    expect(r.body.execution.created_at).toBeTruthy();
    expect(["queued", "running", "success", "failed"]).toContain(r.body.execution.status);
  });

  it("lists my deployments in the workspace with their last run", async () => {
    const { user, dep, executionId } = await runningSetup();
    const r = await call("/api/deployments", { token: user.owner.token });
    expect(r.body.deployments).toEqual([expect.objectContaining({ id: dep, executions: 1, last_execution: expect.objectContaining({ id: executionId }) })]);
    const cookie = await login(user.owner.email, user.owner.password);
    expect((await call("/api/deployments", { cookie })).status).toBe(400);
    expect((await call(`/api/deployments?workspace_id=${user.workspace.id}`, { cookie })).body.deployments).toHaveLength(1);
  });

  it("cancels a queued execution once; a finished one cannot be cancelled", async () => {
    const { user, executionId } = await runningSetup();
    const first = await call(`/api/executions/${executionId}/cancel`, { token: user.owner.token, method: "POST" });
    const row = await env.DB.prepare("SELECT status FROM agent_executions WHERE id = ?1").bind(executionId).first<{ status: string }>();
    if (first.status === 200) {
      expect(first.body.status).toBe("cancelled");
      expect(row!.status).toBe("cancelled");
    } else {
      // The run finished before the cancel arrived.
      expect(first.status).toBe(409);
      expect(["success", "failed"]).toContain(row!.status);
    }
    expect((await call(`/api/executions/${executionId}/cancel`, { token: user.owner.token, method: "POST" })).status).toBe(409);
  });

  it("limits execute to 100 an hour per user with Retry-After", async () => {
    const { agent, user, dep } = await runningSetup();
    await exhaust(`agents:execute:${user.owner.id}`, 100);
    const r = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: { text: "x" } } });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { queueExecution, seedAgent, waitForStatus } from "./test-fixtures";

describe("executions queues", () => {
  it("runs a message from executions-free and a duplicate delivery only once", async () => {
    const agent = await seedAgent({ code: `console.log(JSON.stringify({ n: Math.random() }))` });
    const id = await queueExecution(agent);
    await env.EXECUTIONS_FREE.send({ execution_id: id });
    await env.EXECUTIONS_FREE.send({ execution_id: id });
    const row = await waitForStatus(id, ["success", "failed"]);
    expect(row).toMatchObject({ status: "success", attempt: 1 });
    await new Promise((r) => setTimeout(r, 1500)); // the second delivery has been consumed by now
    expect(await (await env.BLOBS.get(`executions/${id}/stdout.log`))?.text()).toMatch(/^\{"n":[\d.e-]+\}\n$/);
    const stats = await env.DB.prepare(`SELECT total_executions AS total FROM agent_definitions WHERE id = ?`).bind(agent.agentId).first<{ total: number }>();
    expect(stats?.total).toBe(1);
  });

  it("runs a paid message from executions-paid", async () => {
    const agent = await seedAgent({ code: `console.log(JSON.stringify({ paid: true }))`, pricing: "per_execution" });
    const id = await queueExecution(agent, {}, "paid");
    await env.EXECUTIONS_PAID.send({ execution_id: id });
    const row = await waitForStatus(id, ["success", "failed"]);
    expect(JSON.parse(row.outputs ?? "null")).toEqual({ paid: true });
  });
});

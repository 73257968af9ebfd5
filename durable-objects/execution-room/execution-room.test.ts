import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { executionRoom } from "../../workers/engine/marketplace/runner";
import { queueExecution, readExecution, seedAgent, waitForStatus } from "./test-fixtures";

const GREETER = `
  let stdin = ""; process.stdin.on("data", (c) => (stdin += c));
  process.stdin.on("end", () => {
    const inputs = JSON.parse(stdin); const config = JSON.parse(process.env.FRAMEOS_CONFIG);
    console.error("thinking");
    console.log(JSON.stringify({ text: config.greeting + " " + inputs.name }));
  });`;

const agentStats = (agentId: string) =>
  env.DB.prepare(`SELECT total_executions AS total, successful_executions AS ok FROM agent_definitions WHERE id = ?`).bind(agentId).first<{ total: number; ok: number }>();

describe("ExecutionRoom", () => {
  it("runs an agent to success, recording outputs, tails, logs in R2 and agent stats", async () => {
    const agent = await seedAgent({ code: GREETER, outputs: { type: "object", required: ["text"], properties: { text: { type: "string" } } } });
    const id = await queueExecution(agent);
    expect(await executionRoom(env, id).start(id, 1)).toMatchObject({ ok: true, status: "running" });
    const row = await waitForStatus(id, ["success", "failed"]);
    expect(row).toMatchObject({ status: "success", exit_code: 0, attempt: 1, error_message: null });
    expect(JSON.parse(row.outputs ?? "null")).toEqual({ text: "Hello Ada" });
    expect(row.stderr_tail).toBe("thinking\n");
    expect(row.duration_ms).toBeGreaterThan(0);
    expect(row.started_at && row.finished_at).toBeTruthy();
    expect(await (await env.BLOBS.get(`executions/${id}/stdout.log`))?.text()).toBe(`{"text":"Hello Ada"}\n`);
    expect(await (await env.BLOBS.get(`executions/${id}/stderr.log`))?.text()).toBe("thinking\n");
    await expect.poll(() => agentStats(agent.agentId)).toEqual({ total: 1, ok: 1 });
  });

  it("fails an agent that exits non-zero, without retrying it", async () => {
    const agent = await seedAgent({ code: `console.error("no key"); process.exit(2);` });
    const id = await queueExecution(agent);
    await executionRoom(env, id).start(id, 1);
    const row = await waitForStatus(id, ["success", "failed"]);
    expect(row).toMatchObject({ status: "failed", exit_code: 2, attempt: 1, stderr_tail: "no key\n" });
    expect(row.error_message).toMatch(/exited with code 2/);
  });

  it("fails a run whose output does not match the manifest's output schema", async () => {
    const agent = await seedAgent({ code: `console.log(JSON.stringify({ text: 42 }))`, outputs: { type: "object", properties: { text: { type: "string" } } } });
    const id = await queueExecution(agent);
    await executionRoom(env, id).start(id, 1);
    const row = await waitForStatus(id, ["success", "failed"]);
    expect(row.status).toBe("failed");
    expect(row.error_message).toMatch(/output schema.*text/);
  });

  it("times out an agent that runs past its limit (alarm kills it)", async () => {
    const agent = await seedAgent({ code: `console.log("started"); setInterval(() => {}, 1000);`, timeoutMs: 700 });
    const id = await queueExecution(agent);
    await executionRoom(env, id).start(id, 1);
    const row = await waitForStatus(id, ["timeout", "failed", "success"]);
    expect(row.status).toBe("timeout");
    expect(row.error_message).toMatch(/time limit of 700 ms/);
    expect(row.stdout_tail).toBe("started\n");
  });

  it("cancels a running agent and a queued one, and refuses to cancel a finished one", async () => {
    const agent = await seedAgent({ code: `console.log("working"); setInterval(() => {}, 1000);` });
    const running = await queueExecution(agent);
    const room = executionRoom(env, running);
    await room.start(running, 1);
    await waitForStatus(running, ["running"]);
    expect(await room.cancel(running)).toEqual({ ok: true, status: "cancelled" });
    expect((await readExecution(running)).status).toBe("cancelled");
    expect(await room.cancel(running)).toMatchObject({ ok: false, code: "already_finished" });

    const queued = await queueExecution(agent);
    expect(await executionRoom(env, queued).cancel(queued)).toEqual({ ok: true, status: "cancelled" });
    expect(await executionRoom(env, queued).start(queued, 1)).toMatchObject({ ok: true, status: "cancelled", duplicate: true });
    expect((await readExecution(queued)).started_at).toBeNull();
    await expect.poll(() => agentStats(agent.agentId)).toEqual({ total: 2, ok: 0 });
  });

  it("runs a duplicate delivery of the same attempt only once and settles once", async () => {
    const agent = await seedAgent({ code: `console.log(JSON.stringify({ n: Math.random() }))` });
    const id = await queueExecution(agent);
    const room = executionRoom(env, id);
    const results = await Promise.all([room.start(id, 1), room.start(id, 1), room.start(id, 1)]);
    expect(results.filter((r) => r.ok && r.duplicate)).toHaveLength(2);
    await waitForStatus(id, ["success"]);
    expect(await room.start(id, 1)).toMatchObject({ ok: true, status: "success", duplicate: true });
    expect(await room.start(id, 2)).toMatchObject({ ok: true, status: "success", duplicate: true });
    expect(await (await env.BLOBS.get(`executions/${id}/stdout.log`))?.text()).toMatch(/^\{"n":[\d.e-]+\}\n$/);
    await expect.poll(() => agentStats(agent.agentId)).toEqual({ total: 1, ok: 1 });
  });

  it("refuses a bundle whose R2 bytes no longer match the published sha256", async () => {
    const agent = await seedAgent({ code: `console.log("{}")` });
    await env.BLOBS.put(agent.r2Key, `require("fs").writeFileSync("/tmp/pwned", "x")`);
    const id = await queueExecution(agent);
    expect(await executionRoom(env, id).start(id, 1)).toEqual({ ok: true, status: "failed" });
    const row = await readExecution(id);
    expect(row).toMatchObject({ status: "failed", started_at: null, exit_code: null });
    expect(row.error_message).toMatch(/integrity check failed: the code bundle's sha256/);
  });

  it("answers not_found for an execution that does not exist", async () => {
    expect(await executionRoom(env, "exe_missing").start("exe_missing", 1)).toMatchObject({ ok: false, code: "not_found", retryable: false });
  });
});

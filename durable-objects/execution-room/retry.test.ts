import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { executionRoom } from "../../workers/engine/marketplace/runner";
import { queueExecution, readExecution, seedAgent, waitForStatus } from "./test-fixtures";

/** Occupies an execution id on the real runtime, so the runtime refuses the room's run (an infrastructure failure). */
async function occupy(executionId: string): Promise<{ release(): Promise<void> }> {
  const res = await fetch(`${env.RUNTIME_URL}/run`, {
    method: "POST",
    body: JSON.stringify({
      execution_id: executionId, code: btoa("setInterval(() => {}, 1000)"), code_format: "js", entry: "index.js",
      inputs: null, config: null, timeout_ms: 20_000, memory_mb: 64,
    }),
  });
  expect(res.status).toBe(200);
  return {
    release: async () => {
      await fetch(`${env.RUNTIME_URL}/run/${executionId}`, { method: "DELETE" });
      await res.text();
    },
  };
}

describe("infrastructure failures", () => {
  it("asks for a retry when the runtime refuses the run, and runs the next attempt", async () => {
    const agent = await seedAgent({ code: `console.log(JSON.stringify({ ok: true }))` });
    const id = await queueExecution(agent);
    const blocker = await occupy(id);
    const room = executionRoom(env, id);
    const first = await room.start(id, 1);
    expect(first).toMatchObject({ ok: false, code: "infrastructure", retryable: true });
    expect(await readExecution(id)).toMatchObject({ status: "queued", attempt: 1, started_at: null });
    expect((await readExecution(id)).error_message).toMatch(/attempt 1 failed: the agent runtime refused the run \(409\)/);
    await blocker.release();
    expect(await room.start(id, 2)).toMatchObject({ ok: true, status: "running" });
    expect(await waitForStatus(id, ["success", "failed"])).toMatchObject({ status: "success", attempt: 2 });
  });

  it("fails the execution once the last attempt fails for infrastructure reasons", async () => {
    const agent = await seedAgent({ code: `console.log("{}")` });
    const id = await queueExecution(agent);
    const blocker = await occupy(id);
    try {
      expect(await executionRoom(env, id).start(id, 4)).toMatchObject({ ok: false, code: "infrastructure", retryable: false });
      const row = await readExecution(id);
      expect(row).toMatchObject({ status: "failed", attempt: 4 });
      expect(row.error_message).toMatch(/infrastructure failure after 4 attempts/);
    } finally {
      await blocker.release();
    }
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { executionRoom } from "../../workers/engine/marketplace/runner";
import { queueExecution, seedAgent, waitForStatus } from "./test-fixtures";

interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

async function readSse(res: Response): Promise<SseEvent[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .map((block) => {
      const e: SseEvent = { event: "message", data: "" };
      for (const line of block.split("\n")) {
        if (line.startsWith("id: ")) e.id = line.slice(4);
        else if (line.startsWith("event: ")) e.event = line.slice(7);
        else if (line.startsWith("data: ")) e.data = line.slice(6);
      }
      return e;
    })
    .filter((e) => e.data !== "");
}

const logs = (id: string, lastEventId?: string) =>
  executionRoom(env, id).fetch(`https://room/api/executions/${id}/logs`, { headers: lastEventId ? { "last-event-id": lastEventId } : {} });

describe("execution logs over SSE", () => {
  it("streams stdout and stderr live, ends with the status, and replays after Last-Event-ID", async () => {
    const agent = await seedAgent({
      code: `let i = 0; const t = setInterval(() => { i++; (i % 2 ? console.log : console.error)("line " + i); if (i === 4) { clearInterval(t); console.log("{}"); } }, 60);`,
    });
    const id = await queueExecution(agent);
    const live = logs(id); // connected before the run starts
    await executionRoom(env, id).start(id, 1);
    const events = await readSse(await live);
    expect(events.map((e) => [e.id, e.event, e.data])).toEqual([
      ["1", "stdout", JSON.stringify({ seq: 1, data: "line 1" })],
      ["2", "stderr", JSON.stringify({ seq: 2, data: "line 2" })],
      ["3", "stdout", JSON.stringify({ seq: 3, data: "line 3" })],
      ["4", "stderr", JSON.stringify({ seq: 4, data: "line 4" })],
      ["5", "stdout", JSON.stringify({ seq: 5, data: "{}" })],
      [undefined, "status", expect.stringContaining(`"status":"success"`)],
    ]);
    await waitForStatus(id, ["success"]);
    const resumed = await readSse(await logs(id, "3"));
    expect(resumed.map((e) => e.id ?? e.event)).toEqual(["4", "5", "status"]);
    expect(JSON.parse(resumed[2]?.data ?? "{}")).toMatchObject({ status: "success", exit_code: 0 });
  });

  it("answers a finished execution the room never ran with just its status", async () => {
    const agent = await seedAgent({ code: `console.log("{}")` });
    const id = await queueExecution(agent);
    await env.DB.prepare(`UPDATE agent_executions SET status = 'failed' WHERE id = ?`).bind(id).run();
    const events = await readSse(await logs(id));
    expect(events).toEqual([{ event: "status", data: expect.stringContaining(`"status":"failed"`) }]);
  });
});

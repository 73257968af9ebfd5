// `npm run bench -- executions [--overhead N] [--burst N]`: agent executions end to end on a
// fresh local platform (wrangler dev + the agent-runtime process), with a trivial agent
// published, approved and deployed through the registry API.
//
// queue-to-start overhead = started_at − queued_at of each run (the agent's own time is
// excluded), measured on N runs sent one after another (each waits for the previous one).
// sustained runs per minute = a burst of N executes sent at once, from the first queued_at
// to the last finished_at, with the platform's concurrency cap (EXECUTION_CONCURRENCY).
// The execute route allows 100 runs per hour per identity: keep overhead + burst ≤ 98.
// The local queue delivers a batch after max_batch_timeout (1 s in wrangler.toml) unless it
// fills up first, which dominates the overhead of runs sent one at a time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../containers/agent-runtime/test-setup";
import { startPlatform } from "../dev-server";
import { percentile } from "../lib/measure";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : dflt;
};
const OVERHEAD_RUNS = opt("--overhead", 30);
const BURST_RUNS = opt("--burst", 60);

const AGENT = `console.log(JSON.stringify({ ok: true }));\n`;

interface Execution {
  status: string;
  queued_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error_message: string | null;
}


async function main(): Promise<void> {
  const persistDir = mkdtempSync(join(tmpdir(), "frameos-bench-"));
  const platform = await startPlatform({ port: await freePort(), persistDir, quiet: true });
  try {
    const api = async <T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
      const res = await fetch(`${platform.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${platform.token}`, "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    await api("/api/developers/register", { name: "Bench" });
    const manifest = {
      name: "Bench", slug: `bench-${Date.now().toString(36)}`, version: "1.0.0", description: "Prints {ok:true}", category: "developer",
      pricing: { model: "free", amount: 0, currency: "INR" }, runtime: { language: "nodejs", entry: "index.js", timeout_ms: 10_000, memory_mb: 64 },
      inputs: { type: "object" }, outputs: { type: "object", properties: { ok: { type: "boolean" } } }, config: { type: "object" },
    };
    const reg = await api<{ agent_id: string }>("/api/agents/register", { manifest, code: Buffer.from(AGENT).toString("base64") }, { "idempotency-key": `bench-${Date.now()}` });
    await api(`/api/admin/agents/${reg.agent_id}/review`, { decision: "approve" });
    const dep = await api<{ deployment_id: string }>(`/api/agents/${reg.agent_id}/deploy`, { config: {} });
    const execute = () => api<{ execution_id: string }>(`/api/agents/${reg.agent_id}/execute`, { deployment_id: dep.deployment_id, inputs: {} });
    const read = async (id: string) => (await api<{ execution: Execution }>(`/api/executions/${id}`)).execution;
    // Timestamps come from D1, so the polling interval only costs CPU (shared with the runs), not accuracy.
    const settle = async (id: string, pollMs = 25): Promise<Execution> => {
      for (;;) {
        const e = await read(id);
        if (["success", "failed", "timeout", "cancelled"].includes(e.status)) return e;
        await new Promise((r) => setTimeout(r, pollMs));
      }
    };
    const ms = (a: string | null, b: string | null) => (a && b ? Date.parse(b) - Date.parse(a) : NaN);

    // Warm-up (first Worker and Durable Object instantiation, first node start).
    await settle((await execute()).execution_id);

    const overhead: number[] = [];
    const agentMs: number[] = [];
    for (let i = 0; i < OVERHEAD_RUNS; i++) {
      const e = await settle((await execute()).execution_id);
      if (e.status !== "success") throw new Error(`run ${i} ended ${e.status}: ${e.error_message}`);
      overhead.push(ms(e.queued_at, e.started_at));
      agentMs.push(e.duration_ms ?? NaN);
    }
    overhead.sort((a, b) => a - b);
    agentMs.sort((a, b) => a - b);

    const ids = await Promise.all(Array.from({ length: BURST_RUNS }, () => execute().then((r) => r.execution_id)));
    const done = await Promise.all(ids.map((id) => settle(id, 1000)));
    const failed = done.filter((e) => e.status !== "success").length;
    const first = Math.min(...done.map((e) => Date.parse(e.queued_at ?? "")));
    const last = Math.max(...done.map((e) => Date.parse(e.finished_at ?? "")));
    const burstOverhead = done.map((e) => ms(e.queued_at, e.started_at)).sort((a, b) => a - b);

    console.log(`executions bench — trivial agent on the local agent-runtime, wrangler dev, fresh state`);
    console.log(`queue-to-start overhead (started_at − queued_at, agent time excluded), ${OVERHEAD_RUNS} sequential runs:`);
    console.log(`  p50 ${percentile(overhead, 50)} ms   p99 ${percentile(overhead, 99)} ms   max ${overhead.at(-1)} ms`);
    console.log(`  agent time (runtime duration_ms): p50 ${percentile(agentMs, 50)} ms   p99 ${percentile(agentMs, 99)} ms`);
    console.log(`sustained: ${BURST_RUNS} runs sent at once, ${failed} not successful, ${((last - first) / 1000).toFixed(2)} s from first queued to last finished`);
    console.log(`  ${((BURST_RUNS / (last - first)) * 60_000).toFixed(0)} runs per minute;   queue-to-start in the burst p50 ${percentile(burstOverhead, 50)} ms, p99 ${percentile(burstOverhead, 99)} ms`);
  } finally {
    await platform.stop();
    rmSync(persistDir, { recursive: true, force: true });
  }
}

await main();

import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../lib/auth/secrets";
import { CONTAINER_PORT, containerTransport, runtimeTransport, transportKind, type RuntimeTransport } from "../../workers/engine/marketplace/run-transport";
import type { Env } from "../../workers/env";
import { AgentContainer } from "./agent-container";
import { ContainerEngineStandIn } from "./container-engine.test-util";
import { Lifecycle } from "./lifecycle";
import { ndjson } from "./ndjson";
import { queueExecution, seedAgent, waitForStatus } from "./test-fixtures";

const RUNTIME_URL = (env as unknown as Env).RUNTIME_URL!;

/** The Durable Object's own state with the stand-in as its container engine (`ctx.container`). */
function withEngine(state: DurableObjectState<unknown>, engine: ContainerEngineStandIn): DurableObjectState<{}> {
  Object.defineProperty(state, "container", { value: engine, configurable: true });
  return state as DurableObjectState<{}>;
}

/**
 * Runs `body` inside a fresh Durable Object with the real AgentContainer class
 * (`@cloudflare/containers`) on its storage, whose container engine is the stand-in.
 */
function withContainer<T>(body: (transport: RuntimeTransport, engine: ContainerEngineStandIn, ctx: DurableObjectState) => Promise<T>): Promise<T> {
  const host = env.EXECUTION_ROOM.get(env.EXECUTION_ROOM.idFromName(`container-host-${newId("t")}`));
  return runInDurableObject(host, async (_room, state) => {
    const engine = new ContainerEngineStandIn(RUNTIME_URL);
    const ctx = withEngine(state, engine);
    const container = new AgentContainer(ctx, env as unknown as Env);
    return body(containerTransport({ getByName: () => container }), engine, ctx);
  });
}

const run = (id: string, code: string) => ({
  execution_id: id, code: btoa(code), code_format: "js", entry: "index.js", inputs: { name: "Ada" }, config: {}, timeout_ms: 10_000, memory_mb: 128,
});

describe("container transport", () => {
  it("is chosen by configuration: AGENT_RUNTIME, else RUNTIME_URL means url, else container", () => {
    expect(transportKind({ AGENT_RUNTIME: "container", RUNTIME_URL: "http://x" })).toBe("container");
    expect(transportKind({ AGENT_RUNTIME: "url" })).toBe("url");
    expect(transportKind({ RUNTIME_URL: "http://127.0.0.1:1" })).toBe("url");
    expect(transportKind({})).toBe("container");
    expect(runtimeTransport({ RUNTIME_URL: "http://127.0.0.1:1" }).kind).toBe("url");
    expect(runtimeTransport({ AGENT_RUNTIME: "container", AGENT_CONTAINER: env.AGENT_CONTAINER }).kind).toBe("container");
  });

  it("starts the image without internet on the runtime's port and streams a run through @cloudflare/containers", async () => {
    await withContainer(async (transport, engine) => {
      const health = await transport.fetch("exe_h", "/health");
      expect(await health.json()).toMatchObject({ ok: true });
      expect(engine.starts).toHaveLength(1);
      expect(engine.starts[0]).toMatchObject({ enableInternet: false, env: { PORT: String(CONTAINER_PORT) } });
      expect(new Set(engine.ports)).toEqual(new Set([CONTAINER_PORT]));

      const id = newId("exe");
      const res = await transport.fetch(id, "/run", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(run(id, `console.error("hi"); console.log(JSON.stringify({ n: 42 }))`)) });
      expect(res.status).toBe(200);
      const events: { type: string; data?: string; output?: unknown; exit_code?: number }[] = [];
      for await (const e of ndjson<(typeof events)[number]>(res.body!)) events.push(e);
      expect(events.filter((e) => e.type !== "exit").map((e) => `${e.type}:${e.data}`).sort()).toEqual(["stderr:hi", 'stdout:{"n":42}']);
      expect(events.at(-1)).toMatchObject({ type: "exit", exit_code: 0, output: { n: 42 } });
      expect(engine.starts).toHaveLength(1); // one container per execution room, started once
      expect(engine.requests).toContain("POST /run");
    });
  });

  it("kills a run with DELETE /run/:id through the container", async () => {
    await withContainer(async (transport) => {
      const id = newId("exe");
      const res = await transport.fetch(id, "/run", { method: "POST", body: JSON.stringify(run(id, `console.log("up"); setInterval(() => {}, 1000);`)) });
      const reader = ndjson<{ type: string; cancelled?: boolean }>(res.body!)[Symbol.asyncIterator]();
      expect((await reader.next()).value).toMatchObject({ type: "stdout" });
      expect((await transport.fetch(id, `/run/${id}`, { method: "DELETE" })).status).toBe(200);
      let last: { type: string; cancelled?: boolean } | undefined;
      for (let r = await reader.next(); !r.done; r = await reader.next()) last = r.value;
      expect(last).toMatchObject({ type: "exit", cancelled: true });
    });
  });

  it("answers 500 (an infrastructure failure to the room) when the image does not listen on its port", async () => {
    const host = env.EXECUTION_ROOM.get(env.EXECUTION_ROOM.idFromName(`container-host-${newId("t")}`));
    await runInDurableObject(host, async (_room, state) => {
      const engine = new ContainerEngineStandIn(RUNTIME_URL, () => 9999);
      // The library waits up to its own start-up limit; give the request a short deadline instead.
      class Impatient extends AgentContainer {
        override async fetch(request: Request) {
          return this.containerFetch(new Request(request, { signal: AbortSignal.timeout(1_500) }), CONTAINER_PORT);
        }
      }
      const container = new Impatient(withEngine(state, engine), env as unknown as Env);
      const res = await containerTransport({ getByName: () => container }).fetch("exe_x", "/health");
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/Failed to start container/);
      expect(engine.requests).toEqual([]);
    });
  });

  it("runs an execution end to end: ExecutionRoom lifecycle → container transport → agent-runtime", async () => {
    const agent = await seedAgent({ code: `let s = ""; process.stdin.on("data", (c) => (s += c)); process.stdin.on("end", () => console.log(JSON.stringify({ text: "Hello " + JSON.parse(s).name })));` });
    const id = await queueExecution(agent);
    await withContainer(async (transport, engine, ctx) => {
      const lifecycle = new Lifecycle(ctx, env as unknown as Env, transport);
      expect(await lifecycle.start(id, 1)).toMatchObject({ ok: true, status: "running" });
      const row = await waitForStatus(id, ["success", "failed", "timeout"]);
      expect(row.status).toBe("success");
      expect(JSON.parse(row.outputs ?? "null")).toEqual({ text: "Hello Ada" });
      expect(engine.starts[0]?.enableInternet).toBe(false);
    });
  });
});

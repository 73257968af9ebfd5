import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Lifecycle } from "../../durable-objects/execution-room/lifecycle";
import { INITIAL_STATE, saveState } from "../../durable-objects/execution-room/storage";
import { queueExecution, seedAgent } from "../../durable-objects/execution-room/test-fixtures";
import { executionRoom } from "../engine/marketplace/runner";
import { runtimeTransport } from "../engine/marketplace/run-transport";
import { call, seedWorkspace, type Seeded } from "../test/fixtures";
import { testPackage } from "../test/plugin-package";
import { performAgentExecute } from "./agent-effect";

/** A plugin whose `run_agent` returns an agent.execute effect and whose `agent_done` keeps what came back. */
const HANDLERS = `
def run_agent(state, params, ctx):
    return {"effects": [{"type": "agent.execute", "agent": params["agent"], "deployment_id": params["deployment_id"], "inputs": params.get("inputs", {}), "then": params.get("then", "agent_done")}]}

def agent_done(state, params, ctx):
    s = dict(state)
    s["text"] = json.encode({"params": params, "source": ctx["source"], "identity": ctx["identity"]["id"]})
    return {"state": s}
`;
const COMMANDS = {
  run_agent: { params: { type: "object" } },
  agent_done: { params: { type: "object" } },
};

const GREETER = `let s = ""; process.stdin.on("data", (c) => (s += c)); process.stdin.on("end", () => console.log(JSON.stringify({ text: "Hello " + JSON.parse(s).name })));`;
const INPUTS = { type: "object", required: ["name"], properties: { name: { type: "string" } } };

async function workspaceWithPlugin(): Promise<Seeded> {
  const s = await seedWorkspace("Orchestrator");
  const r = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { files: testPackage(HANDLERS, COMMANDS, "orchestrator") } });
  if (r.status !== 201) throw new Error(`install failed: ${JSON.stringify(r.body)}`);
  return s;
}

const dispatch = (s: Seeded, params: Record<string, unknown>) =>
  call(`/api/w/${s.workspace.id}/dispatch`, { token: s.owner.token, body: { commands: [{ plugin: "orchestrator", command: "run_agent", params }] } });

interface Recorded {
  params: { ok: boolean; execution_id: string | null; status: string; outputs: unknown; error: { code: string; message: string; details?: unknown } | null; tag?: string };
  source: string;
  identity: string;
}

/** Waits until the then-command has written its record into the plugin's state. */
async function outcome(s: Seeded, timeoutMs = 20_000): Promise<Recorded> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(`/api/w/${s.workspace.id}/p/orchestrator/state`, { token: s.owner.token });
    const text = r.body?.state?.text as string | undefined;
    if (text) return JSON.parse(text) as Recorded;
    if (Date.now() > deadline) throw new Error("the then-command never arrived");
    await new Promise((res) => setTimeout(res, 100));
  }
}

const executionsOf = async (deploymentId: string) =>
  (await env.DB.prepare("SELECT id, status, identity_id, workspace_id, orchestrator FROM agent_executions WHERE deployment_id = ?").bind(deploymentId).all<Record<string, string>>()).results;

describe("agent.execute effect", () => {
  it("runs an agent as the dispatcher and delivers its outputs to `then`; the history shows both commands", async () => {
    const s = await workspaceWithPlugin();
    const agent = await seedAgent({ code: GREETER, seeded: s, inputs: INPUTS, outputs: { type: "object", required: ["text"] } });
    const sent = await dispatch(s, { agent: agent.agentId, deployment_id: agent.deploymentId, inputs: { name: "Ada" } });
    expect(sent.status).toBe(200);
    const got = await outcome(s);
    expect(got.params).toMatchObject({ ok: true, status: "success", outputs: { text: "Hello Ada" }, error: null });
    expect(got.source).toBe("system");
    expect(got.identity).toBe(s.owner.id);
    const [run] = await executionsOf(agent.deploymentId);
    expect(run).toMatchObject({ id: got.params.execution_id, status: "success", identity_id: s.owner.id, workspace_id: s.workspace.id, orchestrator: "plugin:orchestrator/main" });

    const history = (await call(`/api/w/${s.workspace.id}/p/orchestrator/history`, { token: s.owner.token })).body.records as { command: string; source: string; changeset: string; message: string }[];
    expect(history.map((h) => h.command)).toEqual(["agent_done", "run_agent"]);
    expect(history[0]!.changeset).toBe(history[1]!.changeset);
    expect(history[0]!.message).toContain(`Source: system`);
    expect(history[0]!.message).toContain(`Agent-Execution: ${run!.id}`);
    const row = await env.DB.prepare("SELECT state FROM agent_callbacks WHERE execution_id = ?").bind(run!.id).first<{ state: string }>();
    expect(row?.state).toBe("delivered");
    const audited = await env.DB.prepare("SELECT actor_id, actor_type, workspace_id, request_id, details FROM audit_log WHERE action = 'agent.execute' AND target = ?").bind(run!.id).first<Record<string, string>>();
    expect(audited).toMatchObject({ actor_id: s.owner.id, actor_type: "human", workspace_id: s.workspace.id, request_id: `effect:${run!.id}` });
    expect(JSON.parse(audited!.details)).toMatchObject({ deployment: agent.deploymentId, via: "agent.execute effect" });
  });

  it("delivers a failed run with its error, and a then-command given as {command, params} keeps its params", async () => {
    const s = await workspaceWithPlugin();
    const agent = await seedAgent({ code: `console.error("boom"); process.exit(3);`, seeded: s });
    await dispatch(s, { agent: agent.agentId, deployment_id: agent.deploymentId, then: { command: "agent_done", params: { tag: "mine" } } });
    const got = await outcome(s);
    expect(got.params).toMatchObject({ ok: false, status: "failed", outputs: null, tag: "mine", error: { code: "agent_failed" } });
    expect(got.params.error?.message).toMatch(/exited with code 3/);
    expect(got.params.execution_id).toMatch(/^exe_/);
  });

  it("refuses another workspace's deployment like a missing one: `then` gets failed/not_found and nothing runs", async () => {
    const s = await workspaceWithPlugin();
    const other = await seedAgent({ code: GREETER }); // deployed in a workspace of its own
    await dispatch(s, { agent: other.agentId, deployment_id: other.deploymentId, inputs: { name: "Eve" } });
    const got = await outcome(s);
    expect(got.params).toMatchObject({ ok: false, status: "failed", execution_id: null, error: { code: "not_found" } });
    expect(await executionsOf(other.deploymentId)).toEqual([]);
  });

  it("reports invalid inputs to `then` with the paths, starting nothing", async () => {
    const s = await workspaceWithPlugin();
    const agent = await seedAgent({ code: GREETER, seeded: s, inputs: INPUTS });
    await dispatch(s, { agent: agent.agentId, deployment_id: agent.deploymentId, inputs: { name: 7 } });
    const got = await outcome(s);
    expect(got.params).toMatchObject({ status: "failed", error: { code: "invalid_request" } });
    expect(JSON.stringify(got.params.error?.details)).toContain("inputs.name");
    expect(await executionsOf(agent.deploymentId)).toEqual([]);
  });

  it("reports a refused payment to `then` with the refused execution's id, once", async () => {
    const s = await workspaceWithPlugin();
    const agent = await seedAgent({ code: GREETER, seeded: s, pricing: "per_execution" });
    await env.DB.prepare("UPDATE agent_definitions SET price_amount = 500 WHERE id = ?").bind(agent.agentId).run(); // the wallet is empty
    await dispatch(s, { agent: agent.agentId, deployment_id: agent.deploymentId, inputs: { name: "Cy" } });
    const got = await outcome(s);
    expect(got.params).toMatchObject({ ok: false, status: "failed", outputs: null });
    expect(got.params.error?.code).toMatch(/insufficient|payment|funds/);
    const [run] = await executionsOf(agent.deploymentId);
    expect(run).toMatchObject({ id: got.params.execution_id, status: "failed" });
    const row = await env.DB.prepare("SELECT state FROM agent_callbacks WHERE execution_id = ?").bind(run!.id).first<{ state: string }>();
    expect(row?.state).toBe("delivered");
  });

  it("reports a suspended agent to `then` as agent_suspended, starting nothing", async () => {
    const s = await workspaceWithPlugin();
    const agent = await seedAgent({ code: GREETER, seeded: s });
    await env.DB.prepare("UPDATE agent_definitions SET status = 'suspended', review_reason = 'abuse' WHERE id = ?").bind(agent.agentId).run();
    await dispatch(s, { agent: agent.agentId, deployment_id: agent.deploymentId, inputs: { name: "Di" } });
    const got = await outcome(s);
    expect(got.params).toMatchObject({ status: "failed", execution_id: null, error: { code: "agent_suspended", details: { reason: "abuse" } } });
    expect(await executionsOf(agent.deploymentId)).toEqual([]);
  });

  it("delivers an outcome left undelivered by a room that stopped midway, when its alarm fires", async () => {
    const s = await workspaceWithPlugin();
    const agent = await seedAgent({ code: GREETER, seeded: s });
    const id = await queueExecution(agent, { name: "Ed" });
    await env.DB.batch([
      env.DB.prepare("UPDATE agent_executions SET status = 'success', outputs = ?2, finished_at = '2026-01-01T00:00:00Z' WHERE id = ?1").bind(id, JSON.stringify({ text: "Hello Ed" })),
      env.DB.prepare(
        `INSERT INTO agent_callbacks (effect_key, execution_id, workspace_id, plugin, instance, then_command, then_params, identity_id, author, changeset)
         VALUES (?1, ?2, ?3, 'orchestrator', 'main', 'agent_done', '{}', ?4, ?5, 'cs_backstop')`,
      ).bind(`test/${id}`, id, s.workspace.id, s.owner.id, JSON.stringify({ id: s.owner.id, name: "Owner", type: "human" })),
    ]);
    // The room recorded and settled the run, then stopped before delivering: a fresh instance's alarm delivers.
    await runInDurableObject(executionRoom(env, id), async (_room, state) => {
      saveState(state.storage.sql, { ...INITIAL_STATE, executionId: id, attempt: 1, phase: "final", status: "success", recorded: true, settled: true });
      await new Lifecycle(state, env, runtimeTransport(env)).alarm();
    });
    const got = await outcome(s);
    expect(got.params).toMatchObject({ ok: true, execution_id: id, status: "success", outputs: { text: "Hello Ed" } });
    await runInDurableObject(executionRoom(env, id), async (_room, state) => {
      await new Lifecycle(state, env, runtimeTransport(env)).alarm(); // delivered once: a second alarm sends nothing
    });
    const history = (await call(`/api/w/${s.workspace.id}/p/orchestrator/history`, { token: s.owner.token })).body.records as { command: string }[];
    expect(history.map((h) => h.command)).toEqual(["agent_done"]);
  });

  it("a redelivered effect message starts no second run", async () => {
    const s = await workspaceWithPlugin();
    const agent = await seedAgent({ code: GREETER, seeded: s, inputs: INPUTS });
    const msg = {
      room: { workspace: s.workspace.id, plugin: "orchestrator", instance: "main" },
      effect: { type: "agent.execute" as const, agent: agent.agentId, deployment_id: agent.deploymentId, inputs: { name: "Bo" }, then: { command: "agent_done", params: {} } },
      token: "41", index: 0, changeset: "cs_dup", author: { id: s.owner.id, name: "Owner", type: "human" },
    };
    const first = await performAgentExecute(env, msg);
    const second = await performAgentExecute(env, msg);
    expect("execution_id" in first && first.execution_id).toMatch(/^exe_/);
    expect(second).toEqual({ execution_id: "execution_id" in first ? first.execution_id : "" });
    expect(await executionsOf(agent.deploymentId)).toHaveLength(1);
  });
});

/** Real D1 rows and R2 objects for ExecutionRoom tests (no mocks: the storage is the real local one). */
import { env } from "cloudflare:test";
import { newId } from "../../lib/auth/secrets";
import { seedWorkspace, type Seeded } from "../../workers/test/fixtures";
import { sha256Hex } from "./ndjson";

export interface AgentFixture {
  agentId: string;
  version: string;
  deploymentId: string;
  identityId: string;
  workspaceId: string;
  r2Key: string;
}

export interface AgentOptions {
  code: string;
  timeoutMs?: number;
  outputs?: Record<string, unknown>;
  pricing?: "free" | "per_execution";
  /** Deploy into this workspace (its owner deploys) instead of a new one. */
  seeded?: Seeded;
  inputs?: Record<string, unknown>;
}

/** A developer, an approved agent with one version (code in R2) and a deployment. */
export async function seedAgent(o: AgentOptions): Promise<AgentFixture> {
  const { workspace, owner } = o.seeded ?? (await seedWorkspace("Agents"));
  const developerId = newId("dev");
  const agentId = newId("agt");
  const version = "1.0.0";
  const r2Key = `agents/${agentId}/${version}.js`;
  const bytes = new TextEncoder().encode(o.code);
  await env.BLOBS.put(r2Key, bytes);
  const manifest = {
    name: "Test agent", slug: agentId, version, description: "test", category: "test",
    pricing: { model: o.pricing ?? "free", amount: 0, currency: "INR" },
    runtime: { language: "nodejs", entry: "index.js", timeout_ms: o.timeoutMs ?? 10_000, memory_mb: 128 },
    schemas: { inputs: o.inputs ?? { type: "object" }, outputs: o.outputs ?? { type: "object" }, config: { type: "object" } },
    inputs: o.inputs ?? { type: "object" }, outputs: o.outputs ?? { type: "object" }, config: { type: "object" },
  };
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO developers (id, identity_id, email, name) VALUES (?, ?, ?, 'Dev')`).bind(developerId, owner.id, owner.email),
    env.DB.prepare(
      `INSERT INTO agent_definitions (id, developer_id, slug, name, description, category, pricing_model, current_version, status)
       VALUES (?, ?, ?, 'Test agent', 'test', 'test', ?, ?, 'approved')`,
    ).bind(agentId, developerId, agentId, o.pricing ?? "free", version),
    env.DB.prepare(
      `INSERT INTO agent_versions (id, agent_id, version, manifest, r2_key, sha256, code_format, runtime_language, timeout_ms, memory_mb, scan_passed, scan_report)
       VALUES (?, ?, ?, ?, ?, ?, 'js', 'nodejs', ?, 128, 1, '{}')`,
    ).bind(newId("ver"), agentId, version, JSON.stringify(manifest), r2Key, await sha256Hex(bytes), o.timeoutMs ?? 10_000),
  ]);
  const deploymentId = newId("dep");
  await env.DB.prepare(`INSERT INTO agent_deployments (id, identity_id, workspace_id, agent_id, version, config) VALUES (?, ?, ?, ?, ?, ?)`)
    .bind(deploymentId, owner.id, workspace.id, agentId, version, JSON.stringify({ greeting: "Hello" }))
    .run();
  return { agentId, version, deploymentId, identityId: owner.id, workspaceId: workspace.id, r2Key };
}

/** A queued execution row, as the registry's execute route leaves it. */
export async function queueExecution(a: AgentFixture, inputs: unknown = { name: "Ada" }, queue: "paid" | "free" = "free"): Promise<string> {
  const id = newId("exe");
  await env.DB.prepare(
    `INSERT INTO agent_executions (id, deployment_id, agent_id, version, identity_id, workspace_id, inputs, status, queue, queued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
  )
    .bind(id, a.deploymentId, a.agentId, a.version, a.identityId, a.workspaceId, JSON.stringify(inputs), queue)
    .run();
  return id;
}

export interface ExecutionRow {
  status: string;
  outputs: string | null;
  exit_code: number | null;
  duration_ms: number | null;
  stdout_tail: string | null;
  stderr_tail: string | null;
  error_message: string | null;
  attempt: number;
  started_at: string | null;
  finished_at: string | null;
}

export async function readExecution(id: string): Promise<ExecutionRow> {
  const row = await env.DB.prepare(`SELECT * FROM agent_executions WHERE id = ?`).bind(id).first<ExecutionRow>();
  if (!row) throw new Error(`no execution ${id}`);
  return row;
}

/** Polls D1 until the execution reaches one of `statuses`. */
export async function waitForStatus(id: string, statuses: string[], timeoutMs = 15_000): Promise<ExecutionRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await readExecution(id);
    if (statuses.includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`execution ${id} stayed ${row.status}, wanted ${statuses.join("|")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

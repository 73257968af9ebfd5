// Test helpers for the marketplace routes (workerd tests only).
import { env } from "cloudflare:test";
import { addPerson, call, seedWorkspace, type Person, type Reply } from "../../test/fixtures";

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export function b64(text: string | Uint8Array): string {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export const CLEAN_CODE = `const input = JSON.parse(process.env.AGENT_INPUTS || "{}");\nconsole.log(JSON.stringify({ echo: input.text }));\n`;

export function manifest(overrides: Record<string, unknown> = {}) {
  return {
    name: "Echo",
    slug: `echo-${unique()}`,
    version: "1.0.0",
    description: "Echoes the text it is given",
    category: "developer",
    pricing: { model: "free", amount: 0, currency: "INR" },
    runtime: { language: "nodejs", entry: "index.js", timeout_ms: 10_000, memory_mb: 128 },
    inputs: { type: "object", properties: { text: { type: "string", maxLength: 100 } }, required: ["text"] },
    outputs: { type: "object", properties: { echo: { type: "string" } } },
    config: { type: "object", properties: { greeting: { type: "string" } }, additionalProperties: false },
    ...overrides,
  };
}

export interface Dev {
  workspace: { id: string; name: string };
  owner: Person;
  developerId: string;
}

/** A workspace whose owner is a registered developer. */
export async function developer(): Promise<Dev> {
  const { workspace, owner } = await seedWorkspace();
  const r = await call("/api/developers/register", { token: owner.token, body: { name: "Dev Co", company: "Acme" } });
  if (r.status !== 201) throw new Error(`register failed: ${JSON.stringify(r.body)}`);
  return { workspace, owner, developerId: r.body.developer.id };
}

/** An owner of the platform workspace (the oldest one, unless PLATFORM_WORKSPACE is set). */
export async function platformAdmin(): Promise<Person> {
  let oldest = await env.DB.prepare("SELECT id FROM workspaces ORDER BY created_at, rowid LIMIT 1").first<{ id: string }>();
  if (!oldest) oldest = { id: (await seedWorkspace("Platform")).workspace.id };
  return addPerson(oldest.id, "owner");
}

export function publish(token: string, body: Record<string, unknown>, key = `k-${unique()}`): Promise<Reply> {
  return call("/api/agents/register", { token, body, headers: { "idempotency-key": key } });
}

/** Publishes a clean agent and approves it; returns its id and slug. */
export async function approvedAgent(dev: Dev, admin: Person, overrides: Record<string, unknown> = {}, code = CLEAN_CODE) {
  const m = manifest(overrides);
  const r = await publish(dev.owner.token, { manifest: m, code: b64(code) });
  if (r.status !== 201) throw new Error(`publish failed: ${JSON.stringify(r.body)}`);
  const a = await call(`/api/admin/agents/${r.body.agent_id}/review`, { token: admin.token, body: { decision: "approve" } });
  if (a.status !== 200) throw new Error(`approve failed: ${JSON.stringify(a.body)}`);
  return { id: r.body.agent_id as string, slug: m.slug as string, manifest: m };
}

export async function deploy(token: string, agentId: string, config: Record<string, unknown> = {}): Promise<string> {
  const r = await call(`/api/agents/${agentId}/deploy`, { token, body: { config } });
  if (r.status !== 201) throw new Error(`deploy failed: ${JSON.stringify(r.body)}`);
  return r.body.deployment_id;
}

/** Fills a rate-limit window so the next hit is over the limit. */
export async function exhaust(key: string, count: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await env.DB.prepare("INSERT OR REPLACE INTO rate_limits (key, window_start, count) VALUES (?1, ?2, ?3)").bind(key, now - (now % 3600), count).run();
}

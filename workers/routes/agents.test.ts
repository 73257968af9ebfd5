import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addPerson, call, seedWorkspace } from "../test/fixtures";
import { gzip, tar } from "../../lib/scanner/tar-writer.test-util";
import { grant } from "../engine/payments/test-fixtures";
import { approvedAgent, b64, CLEAN_CODE, deploy, developer, exhaust, manifest, platformAdmin, publish } from "../engine/marketplace/fixtures";

describe("publish, review, deploy, execute", () => {
  it("publishes a clean agent for review, approves it, deploys it and queues a run", async () => {
    const dev = await developer();
    const admin = await platformAdmin();
    const m = manifest();
    const r = await publish(dev.owner.token, { manifest: m, code: b64(CLEAN_CODE) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ slug: m.slug, version: "1.0.0", status: "pending_review", scan: { passed: true, findings: [] } });
    const agentId = r.body.agent_id;
    const stored = await env.BLOBS.get(`agents/${agentId}/1.0.0.js`);
    expect(await stored!.text()).toBe(CLEAN_CODE);
    const v = await env.DB.prepare("SELECT sha256, scan_passed FROM agent_versions WHERE agent_id = ?1").bind(agentId).first<{ sha256: string; scan_passed: number }>();
    expect(v).toEqual({ sha256: r.body.sha256, scan_passed: 1 });

    // Not in the catalog, nor deployable, before review.
    const user = await seedWorkspace();
    expect((await call(`/api/agents/${m.slug}`, { token: user.owner.token })).status).toBe(404);
    expect((await call(`/api/agents/${agentId}/deploy`, { token: user.owner.token, body: { config: {} } })).status).toBe(404);
    // Only platform admins review.
    expect((await call(`/api/admin/agents/${agentId}/review`, { token: user.owner.token, body: { decision: "approve" } })).status).toBe(403);
    const ok = await call(`/api/admin/agents/${agentId}/review`, { token: admin.token, body: { decision: "approve", reason: "looks fine" } });
    expect(ok.body).toMatchObject({ status: "approved", version: "1.0.0", current_version: "1.0.0" });

    const detail = await call(`/api/agents/${m.slug}`);
    expect(detail.status).toBe(200);
    expect(detail.body.manifest.slug).toBe(m.slug);
    expect(detail.body.versions).toEqual([expect.objectContaining({ version: "1.0.0", review: expect.objectContaining({ state: "approved" }) })]);

    const deployed = await call(`/api/agents/${agentId}/deploy`, { token: user.owner.token, body: { config: { greeting: "hi" } } });
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ workspace_id: user.workspace.id, version: "1.0.0", config: { greeting: "hi" } });

    const run = await call(`/api/agents/${agentId}/execute`, { token: user.owner.token, body: { deployment_id: deployed.body.deployment_id, inputs: { text: "hello" } } });
    expect(run.status).toBe(202);
    expect(run.body).toEqual({ execution_id: expect.stringMatching(/^exe_/), status: "queued" });
    const row = await env.DB.prepare("SELECT status, queue, queued_at, workspace_id, inputs FROM agent_executions WHERE id = ?1").bind(run.body.execution_id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ queue: "free", workspace_id: user.workspace.id, inputs: JSON.stringify({ text: "hello" }) });
    expect(row!.queued_at).toBeTruthy();
    expect(["queued", "running", "success", "failed"]).toContain(row!.status);

    const polled = await call(`/api/executions/${run.body.execution_id}`, { token: user.owner.token });
    expect(polled.status).toBe(200);
    expect(polled.body.execution).toMatchObject({ id: run.body.execution_id, agent: { slug: m.slug }, inputs: { text: "hello" } });
  });

  it("sends per-execution agents to the paid queue", async () => {
    const dev = await developer();
    const admin = await platformAdmin();
    const agent = await approvedAgent(dev, admin, { pricing: { model: "per_execution", amount: 500, currency: "INR" } });
    const user = await seedWorkspace();
    const dep = await deploy(user.owner.token, agent.id);
    await grant(admin, user.owner.id, 500); // a priced run needs its price in the wallet (payments)
    const run = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: { text: "x" } } });
    expect(run.status).toBe(202);
    const row = await env.DB.prepare("SELECT queue FROM agent_executions WHERE id = ?1").bind(run.body.execution_id).first<{ queue: string }>();
    expect(row!.queue).toBe("paid");
  });

  it("rejects an agent with a critical scan finding at once, with the report", async () => {
    const dev = await developer();
    const r = await publish(dev.owner.token, { manifest: manifest(), code: b64(`const cp = require("child_process");\ncp.execSync("ls");\n`) });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe("rejected");
    expect(r.body.scan.findings).toEqual([expect.objectContaining({ rule: "child-process", severity: "critical", line: 1 })]);
    const admin = await platformAdmin();
    expect((await call(`/api/admin/agents/${r.body.agent_id}/review`, { token: admin.token, body: { decision: "approve" } })).status).toBe(409);
  });

  it("publishes a tar.gz bundle, scanning every JavaScript file in it", async () => {
    const dev = await developer();
    const bytes = await gzip(tar([{ name: "index.js", text: `import { f } from "./lib/f.mjs"; f();` }, { name: "lib/f.mjs", text: `export const f = () => new WebSocket("wss://x");` }]));
    const r = await publish(dev.owner.token, { manifest: manifest(), code: b64(bytes), code_format: "tar.gz" });
    expect(r.status).toBe(201);
    expect(r.body.scan).toMatchObject({ passed: false, files: ["index.js", "lib/f.mjs"] });
    expect(r.body.scan.findings).toEqual([expect.objectContaining({ rule: "network-global", file: "lib/f.mjs" })]);
    expect(await env.BLOBS.head(`agents/${r.body.agent_id}/1.0.0.tar.gz`)).not.toBeNull();
  });

  it("flags non-critical findings for manual review", async () => {
    const dev = await developer();
    const r = await publish(dev.owner.token, { manifest: manifest(), code: b64(`fetch("https://example.com");\n`) });
    expect(r.body).toMatchObject({ status: "pending_review", scan: { passed: false } });
    expect(r.body.scan.findings[0]).toMatchObject({ rule: "network-global", severity: "high", line: 1, col: 0 });
  });
});

describe("idempotency and limits on register", () => {
  it("replays the answer for the same key and body, and refuses the key with another body", async () => {
    const dev = await developer();
    const body = { manifest: manifest(), code: b64(CLEAN_CODE) };
    const first = await publish(dev.owner.token, body, "same-key");
    const again = await publish(dev.owner.token, body, "same-key");
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await publish(dev.owner.token, { ...body, manifest: manifest() }, "same-key");
    expect(other.status).toBe(409);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM agent_definitions WHERE developer_id = ?1").bind(dev.developerId).first<{ n: number }>();
    expect(count!.n).toBe(1);
  });

  it("needs an Idempotency-Key and a developer account", async () => {
    const dev = await developer();
    const r = await call("/api/agents/register", { token: dev.owner.token, body: { manifest: manifest(), code: b64(CLEAN_CODE) } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("headers.idempotency-key");
    const stranger = await seedWorkspace();
    expect((await publish(stranger.owner.token, { manifest: manifest(), code: b64(CLEAN_CODE) })).status).toBe(403);
  });

  it("forgets a key whose request failed, so a fixed body can use it", async () => {
    const dev = await developer();
    const bad = await publish(dev.owner.token, { manifest: { ...manifest(), version: "one" }, code: b64(CLEAN_CODE) }, "fix-me");
    expect(bad.status).toBe(400);
    expect((await publish(dev.owner.token, { manifest: manifest(), code: b64(CLEAN_CODE) }, "fix-me")).status).toBe(201);
  });

  it("answers 413 for code over the size limit", async () => {
    const dev = await developer();
    const big = "x".repeat(5_300_000);
    const r = await publish(dev.owner.token, { manifest: manifest(), code: btoa(big) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("payload_too_large");
  });

  it("limits register to 10 an hour per developer with Retry-After", async () => {
    const dev = await developer();
    await exhaust(`agents:register:${dev.developerId}`, 10);
    const r = await publish(dev.owner.token, { manifest: manifest(), code: b64(CLEAN_CODE) });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("validation", () => {
  it("answers 400 with paths for an invalid manifest", async () => {
    const dev = await developer();
    const m = { ...manifest(), version: "1.0", runtime: { language: "nodejs", entry: "index.js", timeout_ms: 999_999, memory_mb: 128 } };
    const r = await publish(dev.owner.token, { manifest: m, code: b64(CLEAN_CODE) });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["manifest.runtime.timeout_ms", "manifest.version"]);
  });

  it("answers 400 with paths for manifest schemas that would fail at run time", async () => {
    const dev = await developer();
    const inputs = { type: "object", properties: { a: { type: "strnig" }, b: { type: "string", pattern: "([" }, c: { $ref: "#/$defs/missing" } } };
    const r = await publish(dev.owner.token, { manifest: manifest({ inputs }), code: b64(CLEAN_CODE) });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "manifest.inputs.properties.a.type",
      "manifest.inputs.properties.b.pattern",
      "manifest.inputs.properties.c.$ref",
    ]);
  });

  it("answers 400 when the entry file is not the bundle's", async () => {
    const dev = await developer();
    const r = await publish(dev.owner.token, { manifest: manifest(), code: b64(CLEAN_CODE), code_format: "tar.gz" });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("code");
  });

  it("answers 400 with paths for bad inputs and configs", async () => {
    const dev = await developer();
    const agent = await approvedAgent(dev, await platformAdmin());
    const user = await seedWorkspace();
    const badConfig = await call(`/api/agents/${agent.id}/deploy`, { token: user.owner.token, body: { config: { greeting: 5, extra: true } } });
    expect(badConfig.status).toBe(400);
    expect(badConfig.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["config.extra", "config.greeting"]);
    const dep = await deploy(user.owner.token, agent.id);
    const badInputs = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: { text: 7 } } });
    expect(badInputs.status).toBe(400);
    expect(badInputs.body.error.details).toEqual([{ path: "inputs.text", message: expect.stringContaining("string") }]);
    const missing = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: {} } });
    expect(missing.body.error.details).toEqual([{ path: "inputs.text", message: "required" }]);
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, seedWorkspace } from "../test/fixtures";
import { approvedAgent, b64, CLEAN_CODE, deploy, developer, exhaust, manifest, platformAdmin, publish } from "../engine/marketplace/fixtures";

const word = () => `w${Math.random().toString(36).slice(2, 9)}`;

describe("catalog", () => {
  it("filters by category and pricing, searches name and description, sorts and pages", async () => {
    const dev = await developer();
    const admin = await platformAdmin();
    const tag = word();
    const cat = `cat-${tag}`;
    const a = await approvedAgent(dev, admin, { name: `Invoice ${tag}`, category: cat, description: "Reads invoices" });
    const b = await approvedAgent(dev, admin, { name: `Summarizer ${tag}`, category: cat, description: "Summarises long documents", pricing: { model: "per_execution", amount: 900, currency: "INR" } });
    const c = await approvedAgent(dev, admin, { name: `Cheap ${tag}`, category: cat, description: "Summarises briefly", pricing: { model: "per_execution", amount: 100, currency: "INR" } });
    await publish(dev.owner.token, { manifest: manifest({ name: `Hidden ${tag}`, category: cat }), code: b64(CLEAN_CODE) });
    await env.DB.prepare("UPDATE agent_definitions SET total_executions = 50, rating = 4.5 WHERE id = ?1").bind(b.id).run();

    const all = await call(`/api/agents?category=${cat}`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.agents[0].id).toBe(b.id); // popular first
    expect((await call(`/api/agents?category=${cat}&pricing_model=free`)).body.agents.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await call(`/api/agents?category=${cat}&sort=price`)).body.agents.map((x: { id: string }) => x.id)).toEqual([a.id, c.id, b.id]);
    expect((await call(`/api/agents?category=${cat}&sort=rating`)).body.agents[0].id).toBe(b.id);
    const paged = await call(`/api/agents?category=${cat}&sort=price&limit=1&page=2`);
    expect(paged.body).toMatchObject({ total: 3, page: 2, limit: 1, agents: [expect.objectContaining({ id: c.id })] });

    const search = await call(`/api/agents?search=${encodeURIComponent(`summar ${tag}`)}`);
    expect(search.body.agents.map((x: { id: string }) => x.id).sort()).toEqual([b.id, c.id].sort());
    // FTS syntax in the input is taken literally, never as operators.
    const hostile = await call(`/api/agents?search=${encodeURIComponent(`"${tag}" OR name:* NEAR(`)}`);
    expect(hostile.status).toBe(200);
    expect((await call(`/api/agents?search=${encodeURIComponent('"*')}`)).body.agents).toEqual([]);

    // Admins also see what waits for review.
    expect((await call(`/api/agents?category=${cat}`, { token: admin.token })).body.total).toBe(4);
    expect((await call(`/api/agents?category=${cat}&status=pending_review`, { token: admin.token })).body.total).toBe(1);
  });

  it("keeps the catalog's search index in step when a new version is approved", async () => {
    const dev = await developer();
    const admin = await platformAdmin();
    const [old, fresh] = [word(), word()];
    const agent = await approvedAgent(dev, admin, { name: `Agent ${old}` });
    const v2 = await call(`/api/agents/${agent.id}/versions`, { token: dev.owner.token, body: { manifest: { ...agent.manifest, name: `Agent ${fresh}`, version: "1.1.0" }, code: b64(CLEAN_CODE) } });
    expect(v2.status).toBe(201);
    // Still 1.0.0 until the new version is approved.
    expect((await call(`/api/agents/${agent.slug}`)).body.agent.current_version).toBe("1.0.0");
    expect((await call(`/api/agents?search=${fresh}`)).body.total).toBe(0);
    await call(`/api/admin/agents/${agent.id}/review`, { token: admin.token, body: { decision: "approve" } });
    expect((await call(`/api/agents/${agent.slug}`)).body.agent.current_version).toBe("1.1.0");
    expect((await call(`/api/agents?search=${fresh}`)).body.agents.map((x: { id: string }) => x.id)).toEqual([agent.id]);
    expect((await call(`/api/agents?search=${old}`)).body.total).toBe(0);
  });

  it("limits listing to 1000 an hour per client address", async () => {
    await exhaust("agents:list:203.0.113.9", 1000);
    const r = await call("/api/agents", { headers: { "cf-connecting-ip": "203.0.113.9" } });
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBeTruthy();
  });
});

describe("versions", () => {
  it("accepts only a higher semver, from the agent's own developer", async () => {
    const dev = await developer();
    const m = manifest({ version: "1.2.0" });
    const r = await publish(dev.owner.token, { manifest: m, code: b64(CLEAN_CODE) });
    const add = (version: string, token = dev.owner.token) => call(`/api/agents/${r.body.agent_id}/versions`, { token, body: { manifest: { ...m, version }, code: b64(CLEAN_CODE) } });
    expect((await add("1.2.0")).status).toBe(409);
    expect((await add("1.1.9")).status).toBe(409);
    expect((await add("1.3.0-beta.1")).status).toBe(201);
    expect((await add("1.3.0")).status).toBe(201);
    const other = await developer();
    expect((await add("2.0.0", other.owner.token)).status).toBe(404);
    const slugChange = await call(`/api/agents/${r.body.agent_id}/versions`, { token: dev.owner.token, body: { manifest: { ...m, slug: "another-slug", version: "9.0.0" }, code: b64(CLEAN_CODE) } });
    expect(slugChange.body.error.details[0].path).toBe("manifest.slug");
    // The developer sees every version with its scan report.
    const detail = await call(`/api/agents/${r.body.agent_id}`, { token: dev.owner.token });
    expect(detail.body.versions.map((v: { version: string }) => v.version).sort()).toEqual(["1.2.0", "1.3.0", "1.3.0-beta.1"]);
    expect(detail.body.versions[0].scan_report).toBeDefined();
  });

  it("refuses a slug that is taken", async () => {
    const dev = await developer();
    const m = manifest();
    expect((await publish(dev.owner.token, { manifest: m, code: b64(CLEAN_CODE) })).status).toBe(201);
    expect((await publish(dev.owner.token, { manifest: m, code: b64(CLEAN_CODE) })).status).toBe(409);
  });
});

describe("ratings", () => {
  it("accepts a rating only after a run, one per person, and keeps the average", async () => {
    const dev = await developer();
    const agent = await approvedAgent(dev, await platformAdmin());
    const user = await seedWorkspace();
    const rate = (stars: number, text?: string) => call(`/api/agents/${agent.id}/ratings`, { token: user.owner.token, body: { stars, text } });
    expect((await rate(5)).status).toBe(403);
    const dep = await deploy(user.owner.token, agent.id);
    const run = await call(`/api/agents/${agent.id}/execute`, { token: user.owner.token, body: { deployment_id: dep, inputs: { text: "x" } } });
    await env.DB.prepare("UPDATE agent_executions SET status = 'success', finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1").bind(run.body.execution_id).run();
    expect((await rate(6)).status).toBe(400);
    expect((await rate(2, "meh")).body.agent).toMatchObject({ rating: 2, rating_count: 1 });
    const again = await rate(4, "better now");
    expect(again.body.agent).toMatchObject({ rating: 4, rating_count: 1 });
    const detail = await call(`/api/agents/${agent.slug}`);
    expect(detail.body.ratings).toEqual([expect.objectContaining({ stars: 4, text: "better now" })]);
    expect(detail.body.agent.stats).toMatchObject({ rating: 4, rating_count: 1 });
  });
});

// Runs in Node: a receipt made by the Worker's own routes (against real local D1 served by
// workerd through wrangler's getPlatformProxy) is verified with node:crypto and the published
// JWKS only — none of our JWS code is used on the verifying side.
import { createHash, createPublicKey, verify } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlatformProxy } from "wrangler";
import { app } from "../app";
import { captureMandate } from "../engine/payments/settle";

const root = join(import.meta.dirname, "..", "..");
let proxy: Awaited<ReturnType<typeof getPlatformProxy<{ DB: D1Database }>>>;
let persist = "";
const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} };
const sql = (text: string, ...args: unknown[]) => proxy.env.DB.prepare(text).bind(...args).run();

async function api(path: string, token: string, body?: unknown) {
  const init = { method: body === undefined ? "GET" : "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) };
  const res = await app.request(path, init, { DB: proxy.env.DB, BLOBS: {}, ASSETS: {} }, ctx as never);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { [k: string]: never } };
}

async function person(id: string, workspace: string, role: string): Promise<string> {
  const token = `fos_${id}_secret`;
  await sql("INSERT INTO identities (id, name, email, type) VALUES (?1, ?1, ?2, 'human')", id, `${id}@example.test`);
  await sql("INSERT INTO memberships (workspace_id, identity_id, role) VALUES (?1, ?2, ?3)", workspace, id, role);
  await sql(
    "INSERT INTO api_tokens (id, name, token_hash, prefix, identity_id, workspace_id, scopes, created_by) VALUES (?1, 't', ?2, 'fos', ?3, ?4, ?5, ?3)",
    `tok_${id}`, createHash("sha256").update(token).digest("hex"), id, workspace, JSON.stringify(["read", "write", "admin"]),
  );
  return token;
}

beforeAll(async () => {
  persist = mkdtempSync(join(tmpdir(), "frameos-payments-node-"));
  proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(root, "wrangler.toml"), persist: { path: persist } });
  const dir = join(root, "migrations");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    for (const statement of readFileSync(join(dir, file), "utf8").split("--> statement-breakpoint")) if (statement.trim()) await proxy.env.DB.prepare(statement).run();
  }
}, 60_000);
afterAll(async () => {
  await proxy?.dispose();
  rmSync(persist, { recursive: true, force: true });
});

describe("a receipt verified with Node's own crypto", () => {
  it("verifies against the key published at /.well-known/frameos-keys.json", async () => {
    await sql("INSERT INTO workspaces (id, name, created_by) VALUES ('ws_platform', 'Platform', 'test'), ('ws_user', 'User', 'test')");
    const admin = await person("idn_admin", "ws_platform", "owner");
    const user = await person("idn_user", "ws_user", "owner");
    await sql("INSERT INTO identities (id, name, type) VALUES ('idn_dev', 'Dev', 'human')");
    await sql("INSERT INTO developers (id, identity_id, email, name) VALUES ('dev_1', 'idn_dev', 'd@x', 'Dev')");
    await sql("INSERT INTO agent_definitions (id, developer_id, slug, name, description, category, pricing_model, price_amount, currency, current_version, status) VALUES ('agt_1', 'dev_1', 'paid', 'Paid', 'd', 'developer', 'per_execution', 100, 'INR', '1.0.0', 'approved')");

    expect((await api("/api/payments/wallet/top-up", admin, { amount: 500, identity: "idn_user" })).status).toBe(201);
    const intent = await api("/api/payments/purchase-intents", user, { agent_id: "agt_1" });
    const mandate = await api("/api/payments/mandates", user, { purchase_intent_id: (intent.body.purchase_intent as { id: string }).id });
    expect(mandate.status).toBe(201);
    const captured = await captureMandate(proxy.env, (mandate.body.mandate as { mandate_id: string }).mandate_id);
    if (captured.outcome !== "captured") throw new Error("not captured");

    const receipt = await api(`/api/payments/receipts/${captured.receipt_id}`, user);
    expect(receipt.body).toMatchObject({ amount: 100, currency: "INR", split: { developer: 70, platform: 30, orchestrator: 0 }, fee: 0 });
    const jws = receipt.body.jws as string;
    const [h, p, s] = jws.split(".") as [string, string, string];
    const header = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg: string; kid: string };
    expect(header.alg).toBe("EdDSA");
    const res = await app.request("/.well-known/frameos-keys.json", {}, { DB: proxy.env.DB, BLOBS: {}, ASSETS: {} }, ctx as never);
    const jwks = (await res.json()) as { keys: { kid: string; kty: string; crv: string; x: string }[] };
    const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
    expect(verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"))).toBe(true);
    expect(JSON.parse(Buffer.from(p, "base64url").toString())).toMatchObject({ receipt_id: captured.receipt_id, amount: 100, mandate_id: captured.mandate_id });
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), amount: 1 })).toString("base64url");
    expect(verify(null, Buffer.from(`${h}.${tampered}`), key, Buffer.from(s, "base64url"))).toBe(false);
  }, 60_000);
});

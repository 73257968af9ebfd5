import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../test/fixtures";
import { b64, CLEAN_CODE, developer, manifest, publish } from "../engine/marketplace/fixtures";
import { sweepIdempotencyKeys } from "./idempotency";

describe("idempotency keys", () => {
  it("refuses a key whose first request is still running, and takes over a stale claim", async () => {
    const dev = await developer();
    const scope = `identity:${dev.owner.id}`;
    const body = { manifest: manifest(), code: b64(CLEAN_CODE) };
    // Claim the key as an in-flight request would, with the same request hash.
    const first = await publish(dev.owner.token, body, "busy-key");
    expect(first.status).toBe(201);
    await env.DB.prepare("UPDATE idempotency_keys SET status = 0, response = '' WHERE scope = ?1 AND key = 'busy-key'").bind(scope).run();
    await env.DB.prepare("DELETE FROM agent_definitions WHERE id = ?1").bind(first.body.agent_id).run();
    expect((await publish(dev.owner.token, body, "busy-key")).status).toBe(409);
    await env.DB.prepare("UPDATE idempotency_keys SET created_at = '2000-01-01T00:00:00.000Z' WHERE scope = ?1 AND key = 'busy-key'").bind(scope).run();
    expect((await publish(dev.owner.token, body, "busy-key")).status).toBe(201);
  });

  it("keys are per identity: another person's identical key is independent", async () => {
    const [a, b] = [await developer(), await developer()];
    expect((await publish(a.owner.token, { manifest: manifest(), code: b64(CLEAN_CODE) }, "shared")).status).toBe(201);
    expect((await publish(b.owner.token, { manifest: manifest(), code: b64(CLEAN_CODE) }, "shared")).status).toBe(201);
  });

  it("rejects a malformed key and sweeps old answers", async () => {
    const dev = await developer();
    const r = await call("/api/agents/register", { token: dev.owner.token, body: {}, headers: { "idempotency-key": "has space" } });
    expect(r.status).toBe(400);
    await env.DB.prepare("INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) VALUES ('x', 'old', 'h', 201, '{}', '2000-01-01T00:00:00.000Z')").run();
    expect(await sweepIdempotencyKeys(env)).toBeGreaterThanOrEqual(1);
    expect(await env.DB.prepare("SELECT 1 FROM idempotency_keys WHERE scope = 'x'").first()).toBeNull();
  });
});

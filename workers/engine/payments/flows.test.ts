import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { verifyCompact, type Jwks } from "../../../lib/payments/jws";
import { call } from "../../test/fixtures";
import { runPayouts } from "./cron";
import { mandateForExecution } from "./mandates";
import { captureMandate } from "./settle";
import { expectBalanced, grant, pricedAgent, wallet } from "./test-fixtures";

describe("clients that drive the steps themselves", () => {
  it("creates a purchase intent, a signed mandate (402 when short), and runs with it", async () => {
    const s = await pricedAgent(250);
    const t = s.user.owner.token;
    const intent = await call("/api/payments/purchase-intents", { token: t, body: { agent_id: s.agent.id, deployment_id: s.deployment } });
    expect(intent.status).toBe(201);
    expect(intent.body.purchase_intent).toMatchObject({ amount: 250, currency: "INR", payer: s.user.owner.id, status: "open" });
    const piId = intent.body.purchase_intent.id;
    const short = await call("/api/payments/mandates", { token: t, body: { purchase_intent_id: piId } });
    expect(short.status).toBe(402);
    expect(short.body.error.details).toMatchObject({ shortfall: 250 });

    await grant(s.admin, s.user.owner.id, 300);
    const m = await call("/api/payments/mandates", { token: t, body: { purchase_intent_id: piId } });
    expect(m.status).toBe(201);
    const { signed } = m.body.mandate;
    expect(JSON.parse(signed.payload)).toMatchObject({ amount: 250, purchase_intent_id: piId, payer: s.user.owner.id });
    const keys = (await call("/.well-known/frameos-keys.json")).body as Jwks;
    const jwk = keys.keys.find((k) => k.kid === signed.kid)!;
    const key = await crypto.subtle.importKey("jwk", jwk, { name: "Ed25519" }, false, ["verify"]);
    const sig = Uint8Array.from(atob(signed.signature.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
    expect(await crypto.subtle.verify({ name: "Ed25519" }, key, sig, new TextEncoder().encode(signed.payload))).toBe(true);
    expect(await wallet(t)).toMatchObject({ balance: 50, held: 250 });

    const other = await pricedAgent(100);
    expect((await call("/api/payments/mandates", { token: other.user.owner.token, body: { purchase_intent_id: piId } })).status).toBe(404);
    const run = await call("/api/payments/execute", { token: t, body: { agent_id: s.agent.id, deployment_id: s.deployment, inputs: { text: "y" }, mandate_id: m.body.mandate.mandate_id } });
    expect(run.status).toBe(202);
    expect((await mandateForExecution(env, run.body.execution_id))!.id).toBe(m.body.mandate.mandate_id);
    expect(await wallet(t)).toMatchObject({ balance: 50, held: 250 }); // no second hold
    const reuse = await call("/api/payments/execute", { token: t, body: { agent_id: s.agent.id, deployment_id: s.deployment, inputs: { text: "y" }, mandate_id: m.body.mandate.mandate_id } });
    expect(reuse.status).toBe(409);
  });
});

describe("keys, payouts and reports", () => {
  it("rotates the signing key and keeps old receipts verifiable", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 1000);
    const first = await call("/api/payments/purchase-intents", { token: s.user.owner.token, body: { agent_id: s.agent.id } });
    const m1 = await call("/api/payments/mandates", { token: s.user.owner.token, body: { purchase_intent_id: first.body.purchase_intent.id } });
    const c1 = await captureMandate(env, m1.body.mandate.mandate_id);
    expect((await call("/api/payments/keys/rotate", { token: s.user.owner.token, body: {} })).status).toBe(403);
    const rotated = await call("/api/payments/keys/rotate", { token: s.admin.token, body: {} });
    expect(rotated.status).toBe(201);
    const keys = (await call("/.well-known/frameos-keys.json")).body as Jwks;
    expect(keys.keys[0]!.kid).toBe(rotated.body.key.kid);
    const r1 = await call(`/api/payments/receipts/${c1.outcome === "captured" ? c1.receipt_id : ""}`, { token: s.user.owner.token });
    expect((await verifyCompact(r1.body.jws, keys)).header.kid).not.toBe(rotated.body.key.kid);
    const second = await call("/api/payments/purchase-intents", { token: s.user.owner.token, body: { agent_id: s.agent.id } });
    const m2 = await call("/api/payments/mandates", { token: s.user.owner.token, body: { purchase_intent_id: second.body.purchase_intent.id } });
    const c2 = await captureMandate(env, m2.body.mandate.mandate_id);
    const r2 = await call(`/api/payments/receipts/${c2.outcome === "captured" ? c2.receipt_id : ""}`, { token: s.user.owner.token });
    expect((await verifyCompact(r2.body.jws, keys)).header.kid).toBe(rotated.body.key.kid);
    expect((await call(`/api/payments/receipts/${c2.outcome === "captured" ? c2.receipt_id : ""}`, { token: (await pricedAgent(1)).user.owner.token })).status).toBe(404);
  });

  it("pays out developer balances over the threshold once, and reports pending → paid_out", async () => {
    const s = await pricedAgent(1000);
    await grant(s.admin, s.user.owner.id, 3000);
    for (let i = 0; i < 3; i++) {
      const pi = await call("/api/payments/purchase-intents", { token: s.user.owner.token, body: { agent_id: s.agent.id } });
      const m = await call("/api/payments/mandates", { token: s.user.owner.token, body: { purchase_intent_id: pi.body.purchase_intent.id } });
      await captureMandate(env, m.body.mandate.mandate_id);
    }
    const before = await call("/api/developers/revenue", { token: s.dev.owner.token });
    expect(before.body.totals).toEqual([{ currency: "INR", pending: 2100, paid_out: 0 }]);
    const paid = await runPayouts(env, { threshold: 2000 });
    expect(paid.filter((p) => p.developer_id === s.dev.developerId)).toEqual([expect.objectContaining({ amount: 2100, currency: "INR" })]);
    expect((await runPayouts(env, { threshold: 2000 })).filter((p) => p.developer_id === s.dev.developerId)).toEqual([]);
    const after = await call("/api/developers/revenue", { token: s.dev.owner.token });
    expect(after.body.totals).toEqual([{ currency: "INR", pending: 0, paid_out: 2100 }]);
    expect(after.body.payouts[0]).toMatchObject({ amount: 2100, status: "paid_out" });
    expect((await call("/api/payments/revenue", { token: s.user.owner.token })).status).toBe(403);
    const platform = await call("/api/payments/revenue", { token: s.admin.token });
    expect(platform.status).toBe(200);
    expect(platform.body.totals.find((t: { currency: string }) => t.currency === "INR").gross).toBeGreaterThanOrEqual(3000);
    await expectBalanced();
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { verifyCompact, type Jwks } from "../../lib/payments/jws";
import { waitForStatus } from "../../durable-objects/execution-room/test-fixtures";
import { countRows, execute, expectBalanced, grant, pricedAgent, wallet } from "../engine/payments/test-fixtures";
import { call, eventually } from "../test/fixtures";

describe("quote, wallet and 402", () => {
  it("quotes the most one run costs", async () => {
    const s = await pricedAgent(500);
    const q = await call("/api/payments/quote", { token: s.user.owner.token, body: { agent_id: s.agent.id, deployment_id: s.deployment } });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ agent_id: s.agent.id, amount: 500, max_amount: 500, currency: "INR", pricing_model: "per_execution" });
    expect(Date.parse(q.body.expires_at)).toBeGreaterThan(Date.now());
  });

  it("refuses a priced run with 402 and the shortfall when the wallet is short, and queues nothing", async () => {
    const s = await pricedAgent(500);
    await grant(s.admin, s.user.owner.id, 120);
    const r = await execute(s);
    expect(r.status).toBe(402);
    expect(r.body.error).toMatchObject({ code: "insufficient_funds", details: { reason: { amount: 500, balance: 120, shortfall: 380, currency: "INR" } } });
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 120, held: 0 });
    const paid = await call("/api/payments/execute", { token: s.user.owner.token, body: { agent_id: s.agent.id, deployment_id: s.deployment, inputs: { text: "x" } } });
    expect(paid.status).toBe(402);
    expect(paid.body).toMatchObject({ error: { code: "payment_required", details: { shortfall: 380 } }, x402Version: 1, accepts: [{ scheme: "exact", maxAmountRequired: "5000000" }] });
  });

  it("lets only platform admins grant top-ups, once per Idempotency-Key", async () => {
    const s = await pricedAgent(500);
    expect((await call("/api/payments/wallet/top-up", { token: s.user.owner.token, body: { amount: 100 } })).status).toBe(403);
    const body = { amount: 1000, currency: "USD", identity: s.user.owner.id };
    const first = await call("/api/payments/wallet/top-up", { token: s.admin.token, body, headers: { "idempotency-key": "g1" } });
    const again = await call("/api/payments/wallet/top-up", { token: s.admin.token, body, headers: { "idempotency-key": "g1" } });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.transaction_id).toBe(first.body.transaction_id);
    expect(await wallet(s.user.owner.token, "USD")).toMatchObject({ balance: 1000, held: 0 });
    expect((await call("/api/payments/wallet/top-up", { token: s.admin.token, body: { amount: 5, currency: "EUR" } })).status).toBe(400);
  });

  it("lets free agents skip payment entirely", async () => {
    const s = await pricedAgent(0);
    const r = await execute(s);
    expect(r.status).toBe(202);
    expect(await countRows("SELECT COUNT(*) AS n FROM mandates WHERE execution_id = ?1", r.body.execution_id)).toBe(0);
  });
});

describe("a paid run end to end", () => {
  it("holds before queueing, captures on success with a signed receipt, and splits 70/30 without an orchestrator", async () => {
    const s = await pricedAgent(500);
    await grant(s.admin, s.user.owner.id, 2000);
    const r = await execute(s);
    expect(r.status).toBe(202);
    const id = r.body.execution_id;
    const held = await env.DB.prepare("SELECT mandate_id, purchase_intent_id FROM agent_executions WHERE id = ?1").bind(id).first<{ mandate_id: string; purchase_intent_id: string }>();
    expect(held!.mandate_id).toMatch(/^mdt_/);
    const row = await waitForStatus(id, ["success", "failed"]);
    expect(row.status).toBe("success");
    const exe = await eventually(
      () => env.DB.prepare("SELECT receipt_id, payment_id FROM agent_executions WHERE id = ?1").bind(id).first<{ receipt_id: string | null; payment_id: string | null }>(),
      (row) => Boolean(row?.receipt_id),
    );
    expect(exe!.receipt_id).toMatch(/^rcp_/);
    const polled = await call(`/api/executions/${id}`, { token: s.user.owner.token });
    expect(polled.body.execution).toMatchObject({ receipt_id: exe!.receipt_id, payment_id: exe!.payment_id, mandate_id: held!.mandate_id });
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 1500, held: 0 });

    const receipt = await call(`/api/payments/receipts/${exe!.receipt_id}`, { token: s.user.owner.token });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ receipt_id: exe!.receipt_id, execution_id: id, amount: 500, currency: "INR", split: { developer: 350, platform: 150, orchestrator: 0 }, fee: 0, mandate_id: held!.mandate_id, agent: { id: s.agent.id } });
    const keys = (await call("/.well-known/frameos-keys.json")).body as Jwks;
    const verified = await verifyCompact(receipt.body.jws, keys);
    expect(verified.payload).toMatchObject({ receipt_id: exe!.receipt_id, amount: 500 });

    const revenue = await call("/api/developers/revenue", { token: s.dev.owner.token });
    expect(revenue.body.totals).toEqual([{ currency: "INR", pending: 350, paid_out: 0 }]);
    expect(revenue.body.per_agent[0]).toMatchObject({ agent_id: s.agent.id, payments: 1, gross: 500, developer: 350 });
    expect(revenue.body.per_day[0]).toMatchObject({ payments: 1, developer: 350 });
    await expectBalanced();
  });

  it("releases the hold when the run fails and charges nothing", async () => {
    const s = await pricedAgent(300, "INR", `process.exit(3);\n`);
    await grant(s.admin, s.user.owner.id, 300);
    const r = await execute(s);
    expect(r.status).toBe(202);
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 0, held: 300 });
    expect((await waitForStatus(r.body.execution_id, ["success", "failed"])).status).toBe("failed");
    const w = await eventually(() => wallet(s.user.owner.token), (x) => x.held === 0);
    expect(w).toMatchObject({ balance: 300, held: 0 });
    expect(await countRows("SELECT COUNT(*) AS n FROM payments p JOIN mandates m ON m.id = p.mandate_id WHERE m.execution_id = ?1", r.body.execution_id)).toBe(0);
    await expectBalanced();
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../../lib/auth/secrets";
import { preAuthorize } from "../marketplace/pre-authorize";
import { settleExecution } from "../marketplace/settlement";
import { expireMandates } from "./cron";
import { mandateForExecution } from "./mandates";
import { captureMandate, releaseMandate } from "./settle";
import { countRows, expectBalanced, grant, pricedAgent, wallet, type PricedSetup } from "./test-fixtures";

/** An execution row authorized straight through preAuthorize (never queued, so no real run interferes). */
async function authorized(s: PricedSetup, price: number, o: { orchestrator?: string; status?: string } = {}) {
  const id = newId("exe");
  await env.DB.prepare(
    `INSERT INTO agent_executions (id, deployment_id, agent_id, version, identity_id, workspace_id, inputs, status, queue, orchestrator)
     VALUES (?1, ?2, ?3, '1.0.0', ?4, ?5, '{}', 'authorizing', 'paid', ?6)`,
  ).bind(id, s.deployment, s.agent.id, s.user.owner.id, s.user.workspace.id, o.orchestrator ?? null).run();
  const auth = await preAuthorize(env, { id, agentId: s.agent.id, identityId: s.user.owner.id, workspaceId: s.user.workspace.id, pricingModel: "per_execution", priceAmount: price, currency: "INR" });
  if (o.status) await env.DB.prepare("UPDATE agent_executions SET status = ?2 WHERE id = ?1").bind(id, o.status).run();
  return { id, auth };
}

/** A D1 that fails the way infrastructure does: a statement failing inside a batch, or a batch that commits and then loses its reply. */
function faulty(db: D1Database, mode: "fail-mid-batch" | "lost-reply"): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (mode === "fail-mid-batch") {
            const half = Math.floor(statements.length / 2);
            return target.batch([...statements.slice(0, half), target.prepare("INSERT INTO no_such_table VALUES (1)"), ...statements.slice(half)]);
          }
          await target.batch(statements);
          throw new Error("network: connection reset after commit");
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const settlements = (mandate: string) => countRows("SELECT COUNT(*) AS n FROM ledger_transactions WHERE mandate_id = ?1 AND kind IN ('capture', 'release', 'expire')", mandate);

describe("fault injection: interrupted flows replay to exactly one capture or one release", () => {
  it("after the mandate is created (never queued): a replayed authorization holds once, and the cron releases it at expiry", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 1000);
    const { id, auth } = await authorized(s, 100);
    expect(auth).toEqual({ ok: true, queue: "paid" });
    const again = await preAuthorize(env, { id, agentId: s.agent.id, identityId: s.user.owner.id, workspaceId: s.user.workspace.id, pricingModel: "per_execution", priceAmount: 100, currency: "INR" });
    expect(again).toEqual({ ok: true, queue: "paid" });
    const m = (await mandateForExecution(env, id))!;
    expect(await countRows("SELECT COUNT(*) AS n FROM ledger_transactions WHERE mandate_id = ?1 AND kind = 'hold'", m.id)).toBe(1);
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 900, held: 100 });
    await env.DB.prepare("UPDATE agent_executions SET status = 'failed' WHERE id = ?1").bind(id).run(); // the queue send failed
    const later = Date.parse(m.expires_at) + 1000;
    await expireMandates(env, later);
    await expireMandates(env, later);
    expect(await settlements(m.id)).toBe(1);
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 1000, held: 0 });
    await expectBalanced();
  });

  it("after the run started: a restarted room settling twice at once captures once", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 1000);
    const { id } = await authorized(s, 100, { status: "running" });
    await env.DB.prepare("UPDATE agent_executions SET status = 'success' WHERE id = ?1").bind(id).run();
    await Promise.all([settleExecution(env, id, { status: "success", duration_ms: 5 }), settleExecution(env, id, { status: "success", duration_ms: 5 })]);
    await settleExecution(env, id, { status: "success", duration_ms: 5 });
    const m = (await mandateForExecution(env, id))!;
    expect(await settlements(m.id)).toBe(1);
    expect(await countRows("SELECT COUNT(*) AS n FROM payments WHERE mandate_id = ?1", m.id)).toBe(1);
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 900, held: 0 });
    await expectBalanced();
  });

  it("after the run finished but was never settled: the cron settles it by its outcome", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 1000);
    const won = await authorized(s, 100, { status: "success" });
    const lost = await authorized(s, 100, { status: "timeout" });
    const m = (await mandateForExecution(env, won.id))!;
    const results = await expireMandates(env, Date.parse(m.expires_at) + 60_000);
    expect(results.map((r) => r.outcome)).toEqual(expect.arrayContaining(["captured", "released"]));
    expect((await env.DB.prepare("SELECT receipt_id FROM agent_executions WHERE id = ?1").bind(won.id).first<{ receipt_id: string }>())!.receipt_id).toMatch(/^rcp_/);
    expect((await mandateForExecution(env, lost.id))!.status).toBe("released");
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 900, held: 0 });
    await expectBalanced();
  });

  it("capture half-done (a statement fails inside the batch): nothing is written, and the replay captures once", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 1000);
    const { id } = await authorized(s, 100, { status: "success" });
    const m = (await mandateForExecution(env, id))!;
    await expect(captureMandate({ ...env, DB: faulty(env.DB, "fail-mid-batch") }, m.id)).rejects.toThrow(/no_such_table/);
    expect((await mandateForExecution(env, id))!.status).toBe("active");
    expect(await countRows("SELECT COUNT(*) AS n FROM payments WHERE mandate_id = ?1", m.id)).toBe(0);
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 900, held: 100 });
    await expectBalanced();
    expect((await captureMandate(env, m.id)).outcome).toBe("captured");
    expect(await settlements(m.id)).toBe(1);
    await expectBalanced();
  });

  it("capture committed but its reply was lost: the retry finds the capture and charges nothing more", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 1000);
    const { id } = await authorized(s, 100, { status: "success" });
    const m = (await mandateForExecution(env, id))!;
    await expect(captureMandate({ ...env, DB: faulty(env.DB, "lost-reply") }, m.id)).rejects.toThrow(/connection reset/);
    const retry = await captureMandate(env, m.id);
    expect(retry).toMatchObject({ outcome: "captured", replayed: true });
    const row = await env.DB.prepare("SELECT payment_id, receipt_id FROM agent_executions WHERE id = ?1").bind(id).first<{ payment_id: string; receipt_id: string }>();
    expect(row).toEqual({ payment_id: retry.outcome === "captured" ? retry.payment_id : "", receipt_id: retry.outcome === "captured" ? retry.receipt_id : "" });
    expect(await settlements(m.id)).toBe(1);
    expect(await wallet(s.user.owner.token)).toMatchObject({ balance: 900, held: 0 });
    await expectBalanced();
  });

  it("a capture racing a release settles the mandate exactly once", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 1000);
    for (let i = 0; i < 5; i++) {
      const { id } = await authorized(s, 100, { status: "success" });
      const m = (await mandateForExecution(env, id))!;
      const results = await Promise.all([captureMandate(env, m.id), releaseMandate(env, m.id), captureMandate(env, m.id), releaseMandate(env, m.id, "expired")]);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(await settlements(m.id)).toBe(1);
    }
    const w = await wallet(s.user.owner.token);
    expect(w.held).toBe(0);
    expect((1000 - w.balance) % 100).toBe(0);
    await expectBalanced();
  });
});

describe("the split on capture", () => {
  it("pays ₹1.00 as ₹0.70 developer, ₹0.20 platform (₹0.05 card fee inside) and ₹0.10 orchestrator", async () => {
    const s = await pricedAgent(100);
    await grant(s.admin, s.user.owner.id, 100);
    const { id } = await authorized(s, 100, { orchestrator: "plugin:graphist", status: "success" });
    const m = (await mandateForExecution(env, id))!;
    const withCardFee = { ...env, PAYMENTS_FEE_BPS: "ledger=500" };
    const done = await captureMandate(withCardFee, m.id);
    const p = await env.DB.prepare("SELECT amount, developer_share, platform_share, orchestrator_share, fee FROM payments WHERE mandate_id = ?1").bind(m.id).first();
    expect(p).toEqual({ amount: 100, developer_share: 70, platform_share: 20, orchestrator_share: 10, fee: 5 });
    const entries = await env.DB.prepare("SELECT account_id, amount FROM ledger_entries WHERE transaction_id = (SELECT transaction_id FROM payments WHERE mandate_id = ?1) ORDER BY account_id").bind(m.id).all();
    expect(entries.results).toEqual([
      { account_id: `developer:INR:${s.dev.developerId}`, amount: 70 },
      { account_id: "fee:INR:ledger", amount: 5 },
      { account_id: `hold:INR:${s.user.owner.id}`, amount: -100 },
      { account_id: "orchestrator:INR:plugin:graphist", amount: 10 },
      { account_id: "platform:INR", amount: 15 },
    ]);
    expect(done.outcome).toBe("captured");
    await expectBalanced();
  });
});

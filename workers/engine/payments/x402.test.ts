import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { waitForStatus } from "../../../durable-objects/execution-room/test-fixtures";
import { call, eventually } from "../../test/fixtures";
import { countRows, expectBalanced, pricedAgent } from "./test-fixtures";
import { setX402Transport } from "./x402";

/** A local stand-in of an x402 facilitator's /verify and /settle: accepts payloads signed "ok", settles each once. */
function facilitator() {
  const calls: { path: string; body: { paymentPayload: { payload: { signature: string; from: string } }; paymentRequirements: { maxAmountRequired: string } } }[] = [];
  const settled = new Map<string, string>();
  const handler = async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname.split("/").pop()!;
    const body = JSON.parse(String(init.body)) as (typeof calls)[number]["body"];
    calls.push({ path, body });
    const { signature, from } = body.paymentPayload.payload;
    if (path === "verify") return Response.json(signature === "ok" ? { isValid: true, payer: from } : { isValid: false, invalidReason: "invalid_exact_evm_payload_signature" });
    const tx = settled.get(from + signature) ?? `0x${settled.size.toString(16).padStart(64, "0")}`;
    settled.set(from + signature, tx);
    return Response.json({ success: true, transaction: tx, network: "base-sepolia", payer: from });
  };
  return { calls, handler };
}

const header = (from: string, signature = "ok") =>
  btoa(JSON.stringify({ x402Version: 1, scheme: "exact", network: "base-sepolia", payload: { signature, from, authorization: { value: "5000000" } } }));

afterEach(() => setX402Transport(null));

describe("x402", () => {
  it("answers 402 with the requirement, runs on a valid X-PAYMENT and settles at the facilitator only on success", async () => {
    const s = await pricedAgent(500);
    const f = facilitator();
    setX402Transport(f.handler);
    const run = { agent_id: s.agent.id, deployment_id: s.deployment, inputs: { text: "x" } };
    const unpaid = await call("/api/payments/execute", { token: s.user.owner.token, body: run });
    expect(unpaid.status).toBe(402);
    expect(unpaid.body.accepts[0]).toMatchObject({ scheme: "exact", maxAmountRequired: "5000000", extra: { currency: "INR", amount_minor: 500 } });

    const bad = await call("/api/payments/execute", { token: s.user.owner.token, body: run, headers: { "x-payment": header("0xabc", "forged") } });
    expect(bad.status).toBe(402);
    expect(bad.body.error.code).toBe("payment_invalid");

    const paid = await call("/api/payments/execute", { token: s.user.owner.token, body: run, headers: { "x-payment": header("0xabc") } });
    expect(paid.status).toBe(202);
    const id = paid.body.execution_id;
    expect((await waitForStatus(id, ["success", "failed"])).status).toBe("success");
    const receipt = await eventually(async () => (await env.DB.prepare("SELECT receipt_id FROM agent_executions WHERE id = ?1").bind(id).first<{ receipt_id: string | null }>())?.receipt_id ?? null, Boolean);
    expect(f.calls.map((c) => c.path)).toEqual(["verify", "verify", "settle"]);
    const r = await call(`/api/payments/receipts/${receipt}`, { token: s.user.owner.token });
    expect(r.body).toMatchObject({ payer: "x402:0xabc", provider: "x402", amount: 500, split: { developer: 350 } });
    expect(await countRows("SELECT COUNT(*) AS n FROM x402_payments WHERE status = 'settled' AND payer = 'x402:0xabc'")).toBe(1);
    await expectBalanced();
  });

  it("never settles a failed run: the authorization is abandoned and nothing is charged", async () => {
    const s = await pricedAgent(200, "INR", "process.exit(1);\n");
    const f = facilitator();
    setX402Transport(f.handler);
    const paid = await call("/api/payments/execute", { token: s.user.owner.token, body: { agent_id: s.agent.id, deployment_id: s.deployment, inputs: { text: "x" } }, headers: { "x-payment": header("0xdef") } });
    expect(paid.status).toBe(202);
    expect((await waitForStatus(paid.body.execution_id, ["success", "failed"])).status).toBe("failed");
    const abandoned = () => countRows("SELECT COUNT(*) AS n FROM x402_payments WHERE payer = 'x402:0xdef' AND status = 'abandoned'");
    expect(await eventually(abandoned, (n) => n > 0)).toBe(1);
    expect(f.calls.map((c) => c.path)).toEqual(["verify"]);
    await expectBalanced();
  });
});

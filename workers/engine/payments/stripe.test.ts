import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { stripeSignatureHeader } from "../../../lib/payments/stripe";
import { stripeStandIn } from "../../../lib/payments/stripe-stand-in";
import { call, seedWorkspace } from "../../test/fixtures";
import { cancelStripeTopUp, handleStripeWebhook, setStripeTransport, startStripeTopUp } from "./stripe";
import { expectBalanced, wallet } from "./test-fixtures";

const stripeEnv = { ...env, STRIPE_SECRET_KEY: "sk_test_frameos", STRIPE_WEBHOOK_SECRET: "whsec_frameos", STRIPE_API_BASE: "https://stripe.stand-in" };

async function event(type: string, object: unknown) {
  const payload = JSON.stringify({ id: `evt_${Math.random().toString(36).slice(2)}`, type, data: { object } });
  return { payload, signature: await stripeSignatureHeader(stripeEnv.STRIPE_WEBHOOK_SECRET, payload) };
}

afterEach(() => setStripeTransport(null));

describe("Stripe card top-ups (manual capture) against a local stand-in", () => {
  it("authorizes, captures on the webhook and credits the wallet exactly once", async () => {
    const standIn = stripeStandIn();
    setStripeTransport(standIn.fetch);
    const { owner } = await seedWorkspace();
    const started = await startStripeTopUp(stripeEnv, owner.id, 50_000, "INR");
    expect(started).toMatchObject({ status: "requires_payment", client_secret: expect.stringMatching(/^pi_/) });
    const authorized = standIn.confirm(started.payment_intent_id);
    const e = await event("payment_intent.amount_capturable_updated", authorized);
    expect(await handleStripeWebhook(stripeEnv, e.payload, e.signature)).toEqual({ received: true, action: "captured" });
    expect(standIn.intents.get(started.payment_intent_id)!.status).toBe("succeeded");
    expect(await wallet(owner.token)).toMatchObject({ balance: 50_000, held: 0 });
    // Stripe retries the event and then sends payment_intent.succeeded: neither credits again.
    await handleStripeWebhook(stripeEnv, e.payload, e.signature);
    const s = await event("payment_intent.succeeded", standIn.intents.get(started.payment_intent_id));
    expect((await handleStripeWebhook(stripeEnv, s.payload, s.signature)).action).toBe("credited");
    expect(await wallet(owner.token)).toMatchObject({ balance: 50_000 });
    expect(standIn.calls.filter((c) => c.endsWith("/capture"))).toHaveLength(1);
    await expectBalanced();
  });

  it("refuses a webhook whose signature does not verify", async () => {
    const e = await event("payment_intent.succeeded", { id: "pi_x" });
    await expect(handleStripeWebhook(stripeEnv, e.payload.replace("pi_x", "pi_y"), e.signature)).rejects.toMatchObject({ status: 400, code: "bad_signature" });
    await expect(handleStripeWebhook({ ...stripeEnv, STRIPE_WEBHOOK_SECRET: "whsec_other" }, e.payload, e.signature)).rejects.toMatchObject({ code: "bad_signature" });
  });

  it("cancels an authorization that was not captured, and credits nothing", async () => {
    const standIn = stripeStandIn();
    setStripeTransport(standIn.fetch);
    const { owner } = await seedWorkspace();
    const started = await startStripeTopUp(stripeEnv, owner.id, 700, "USD");
    standIn.confirm(started.payment_intent_id);
    expect(await cancelStripeTopUp(stripeEnv, owner.id, started.top_up_id)).toEqual({ top_up_id: started.top_up_id, status: "canceled" });
    expect(standIn.intents.get(started.payment_intent_id)!.status).toBe("canceled");
    await expect(cancelStripeTopUp(stripeEnv, owner.id, started.top_up_id)).rejects.toMatchObject({ status: 409 });
    expect(await wallet(owner.token, "USD")).toMatchObject({ balance: 0 });
  });

  it("answers 409 over HTTP where Stripe is not configured", async () => {
    const { owner } = await seedWorkspace();
    const r = await call("/api/payments/stripe/top-ups", { token: owner.token, body: { amount: 100 } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("stripe_not_configured");
  });
});

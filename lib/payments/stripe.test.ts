import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formEncode, StripeApiError, StripeClient, stripeSignatureHeader, StripeSignatureError, verifyStripeWebhook } from "./stripe";
import { stripeStandIn } from "./stripe-stand-in";
import { createHmac } from "node:crypto";

const standIn = stripeStandIn("sk_test_1");
let server: Server;
let base = "";

beforeAll(async () => {
  // The stand-in behind a real HTTP server, so the client goes through real sockets.
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const reply = await standIn.fetch(`http://stand-in${req.url}`, { method: req.method, headers, body: body || undefined });
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(await reply.text());
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("StripeClient against a local stand-in over HTTP", () => {
  it("authorizes with manual capture, then captures once the card is confirmed", async () => {
    const stripe = new StripeClient("sk_test_1", fetch, base);
    const pi = await stripe.createPaymentIntent({ amount: 50_000, currency: "INR", metadata: { identity: "idn_1", top_up_id: "tu_1" }, idempotencyKey: "tu_1" });
    expect(pi).toMatchObject({ amount: 50_000, currency: "inr", capture_method: "manual", status: "requires_payment_method", metadata: { identity: "idn_1" } });
    const again = await stripe.createPaymentIntent({ amount: 50_000, currency: "INR", metadata: {}, idempotencyKey: "tu_1" });
    expect(again.id).toBe(pi.id);
    await expect(stripe.capture(pi.id, "c1")).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
    standIn.confirm(pi.id);
    expect(await stripe.capture(pi.id, "c2")).toMatchObject({ status: "succeeded", amount_received: 50_000 });
    await expect(stripe.cancel(pi.id, "x")).rejects.toBeInstanceOf(StripeApiError);
  });

  it("cancels an authorization and refuses a wrong key", async () => {
    const stripe = new StripeClient("sk_test_1", fetch, base);
    const pi = await stripe.createPaymentIntent({ amount: 100, currency: "USD", metadata: {}, idempotencyKey: "k2" });
    standIn.confirm(pi.id);
    expect((await stripe.cancel(pi.id, "k3")).status).toBe("canceled");
    await expect(new StripeClient("sk_wrong", fetch, base).retrieve(pi.id)).rejects.toMatchObject({ status: 401, code: "api_key_invalid" });
  });

  it("encodes nested params the way Stripe reads them", () => {
    expect(formEncode({ amount: 5, metadata: { a: "b c" }, skip: undefined })).toBe("amount=5&metadata%5Ba%5D=b+c");
  });
});

describe("webhook signatures (HMAC-SHA256 over 't.payload')", () => {
  const secret = "whsec_test";
  const payload = JSON.stringify({ id: "evt_1", type: "payment_intent.succeeded", data: { object: { id: "pi_1" } } });

  it("accepts a signature computed as Stripe does (checked with node:crypto)", async () => {
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex");
    expect(await stripeSignatureHeader(secret, payload, t)).toBe(`t=${t},v1=${v1}`);
    expect((await verifyStripeWebhook(payload, `t=${t},v1=deadbeef,v1=${v1}`, secret)).type).toBe("payment_intent.succeeded");
  });

  it("refuses a tampered body, a wrong secret, an old timestamp and a missing header", async () => {
    const header = await stripeSignatureHeader(secret, payload);
    await expect(verifyStripeWebhook(payload.replace("evt_1", "evt_2"), header, secret)).rejects.toBeInstanceOf(StripeSignatureError);
    await expect(verifyStripeWebhook(payload, header, "whsec_other")).rejects.toBeInstanceOf(StripeSignatureError);
    const old = await stripeSignatureHeader(secret, payload, Math.floor(Date.now() / 1000) - 301);
    await expect(verifyStripeWebhook(payload, old, secret)).rejects.toThrow(/tolerance/);
    await expect(verifyStripeWebhook(payload, undefined, secret)).rejects.toThrow(/no Stripe-Signature/);
  });
});

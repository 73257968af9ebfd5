import { newId } from "../../../lib/auth/secrets";
import { isAmount, isCurrency } from "../../../lib/payments/money";
import { StripeApiError, StripeClient, StripeSignatureError, verifyStripeWebhook, type Fetch, type PaymentIntent } from "../../../lib/payments/stripe";
import type { PaymentsEnv } from "./config";
import { PaymentError } from "./errors";
import { topUp } from "./wallet";

/** Stripe settings (secrets): `STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`; `STRIPE_API_BASE` defaults to https://api.stripe.com. */
export type StripeEnv = PaymentsEnv & { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string; STRIPE_API_BASE?: string };

let transport: Fetch | null = null;

/** Replaces the HTTP transport to Stripe (tests use the local stand-in); null restores `fetch`. */
export function setStripeTransport(t: Fetch | null): void {
  transport = t;
}

function client(env: StripeEnv): StripeClient {
  if (!env.STRIPE_SECRET_KEY) throw new PaymentError(409, "stripe_not_configured", "card top-ups are not configured here (STRIPE_SECRET_KEY); ask an admin for a grant");
  return new StripeClient(env.STRIPE_SECRET_KEY, transport ?? ((input, init) => fetch(input, init)), env.STRIPE_API_BASE);
}

async function stripeCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StripeApiError) throw new PaymentError(502, `stripe_${err.code}`, `Stripe refused: ${err.message}`);
    throw err;
  }
}

/** Starts a card top-up: a PaymentIntent with manual capture; the browser confirms it with the client secret. */
export async function startStripeTopUp(env: StripeEnv, identity: string, amount: number, currency: string) {
  if (!isCurrency(currency)) throw new PaymentError(400, "unsupported_currency", `currency must be INR or USD, got ${currency}`);
  if (!isAmount(amount) || amount === 0) throw new PaymentError(400, "invalid_amount", "amount must be a positive whole number of minor units");
  const id = newId("tup");
  const pi = await stripeCall(() => client(env).createPaymentIntent({ amount, currency, metadata: { top_up_id: id, identity }, idempotencyKey: id }));
  await env.DB.prepare("INSERT INTO stripe_top_ups (id, payment_intent_id, identity_id, amount, currency, status) VALUES (?1, ?2, ?3, ?4, ?5, 'requires_payment')")
    .bind(id, pi.id, identity, amount, currency)
    .run();
  return { top_up_id: id, payment_intent_id: pi.id, client_secret: pi.client_secret, amount, currency, status: "requires_payment" as const };
}

interface TopUpRow {
  id: string;
  payment_intent_id: string;
  identity_id: string;
  amount: number;
  currency: string;
  status: string;
}

/** Credits the wallet for a succeeded PaymentIntent, once (keyed by the PaymentIntent id). */
async function credit(env: StripeEnv, row: TopUpRow, pi: PaymentIntent) {
  const done = await topUp(env, { identity: row.identity_id, amount: pi.amount_received || row.amount, currency: row.currency, provider: "stripe", key: pi.id, memo: `card top-up ${pi.id}` });
  await env.DB.prepare("UPDATE stripe_top_ups SET status = 'succeeded', transaction_id = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1").bind(row.id, done.transaction_id).run();
  return done;
}

/**
 * A Stripe webhook: verified (HMAC-SHA256, 5-minute tolerance), then
 * `payment_intent.amount_capturable_updated` (authorized) → capture; `payment_intent.succeeded`
 * → credit the wallet once; `payment_intent.canceled` → mark the top-up canceled. Replays are harmless.
 */
export async function handleStripeWebhook(env: StripeEnv, payload: string, signature: string | undefined): Promise<{ received: true; action: string }> {
  if (!env.STRIPE_WEBHOOK_SECRET) throw new PaymentError(409, "stripe_not_configured", "STRIPE_WEBHOOK_SECRET is not set");
  let event: Awaited<ReturnType<typeof verifyStripeWebhook>>;
  try {
    event = await verifyStripeWebhook(payload, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    if (err instanceof StripeSignatureError) throw new PaymentError(400, "bad_signature", err.message);
    throw err;
  }
  const pi = event.data.object;
  const row = await env.DB.prepare("SELECT * FROM stripe_top_ups WHERE payment_intent_id = ?1").bind(pi.id).first<TopUpRow>();
  if (!row) return { received: true, action: "ignored" };
  if (event.type === "payment_intent.amount_capturable_updated" && row.status !== "succeeded") {
    await env.DB.prepare("UPDATE stripe_top_ups SET status = 'requires_capture' WHERE id = ?1 AND status = 'requires_payment'").bind(row.id).run();
    const captured = await stripeCall(() => client(env).capture(pi.id, `capture-${row.id}`));
    if (captured.status === "succeeded") await credit(env, row, captured);
    return { received: true, action: "captured" };
  }
  if (event.type === "payment_intent.succeeded") {
    await credit(env, row, pi);
    return { received: true, action: "credited" };
  }
  if (event.type === "payment_intent.canceled" && row.status !== "succeeded") {
    await env.DB.prepare("UPDATE stripe_top_ups SET status = 'canceled', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1").bind(row.id).run();
    return { received: true, action: "canceled" };
  }
  return { received: true, action: "ignored" };
}

/** Cancels a top-up that is not yet captured (the card authorization is voided). */
export async function cancelStripeTopUp(env: StripeEnv, identity: string, id: string) {
  const row = await env.DB.prepare("SELECT * FROM stripe_top_ups WHERE id = ?1 AND identity_id = ?2").bind(id, identity).first<TopUpRow>();
  if (!row) throw new PaymentError(404, "not_found", "top-up not found");
  if (row.status === "succeeded" || row.status === "canceled") throw new PaymentError(409, "top_up_settled", `the top-up is already ${row.status}`);
  await stripeCall(() => client(env).cancel(row.payment_intent_id, `cancel-${row.id}`));
  await env.DB.prepare("UPDATE stripe_top_ups SET status = 'canceled', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1").bind(row.id).run();
  return { top_up_id: row.id, status: "canceled" as const };
}

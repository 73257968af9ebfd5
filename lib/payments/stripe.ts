/**
 * The parts of Stripe's REST API the wallet top-ups use (PaymentIntents with manual capture)
 * and webhook signature verification, over an injected fetch. Runtime-agnostic.
 */
import { toHex } from "../auth/encoding";

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface PaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status: "requires_payment_method" | "requires_confirmation" | "requires_action" | "processing" | "requires_capture" | "canceled" | "succeeded";
  capture_method: "automatic" | "manual";
  client_secret: string | null;
  metadata: Record<string, string>;
}

export class StripeApiError extends Error {
  override name = "StripeApiError";
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Stripe's form encoding: nested objects as `metadata[key]=value`. */
export function formEncode(params: Record<string, string | number | Record<string, string> | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (typeof v === "object") for (const [kk, vv] of Object.entries(v)) out.append(`${k}[${kk}]`, vv);
    else out.append(k, String(v));
  }
  return out.toString();
}

/** A minimal Stripe client: create, retrieve, capture and cancel PaymentIntents. */
export class StripeClient {
  constructor(
    private readonly secretKey: string,
    private readonly fetchFn: Fetch,
    private readonly base = "https://api.stripe.com",
  ) {}

  async #call(method: "GET" | "POST", path: string, params?: Parameters<typeof formEncode>[0], idempotencyKey?: string): Promise<PaymentIntent> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.secretKey}`, "stripe-version": "2024-06-20" };
    if (params) headers["content-type"] = "application/x-www-form-urlencoded";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    const res = await this.fetchFn(`${this.base.replace(/\/$/, "")}${path}`, { method, headers, body: params ? formEncode(params) : undefined });
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; type?: string; message?: string } } & Partial<PaymentIntent>;
    if (!res.ok) throw new StripeApiError(res.status, body.error?.code ?? body.error?.type ?? "stripe_error", body.error?.message ?? `Stripe answered ${res.status}`);
    return body as PaymentIntent;
  }

  /** A PaymentIntent that only authorizes (capture_method=manual); the card is charged on capture. */
  createPaymentIntent(p: { amount: number; currency: string; metadata: Record<string, string>; idempotencyKey: string }): Promise<PaymentIntent> {
    return this.#call("POST", "/v1/payment_intents", { amount: p.amount, currency: p.currency.toLowerCase(), capture_method: "manual", "automatic_payment_methods[enabled]": "true", metadata: p.metadata }, p.idempotencyKey);
  }

  retrieve(id: string): Promise<PaymentIntent> {
    return this.#call("GET", `/v1/payment_intents/${encodeURIComponent(id)}`);
  }

  capture(id: string, idempotencyKey: string): Promise<PaymentIntent> {
    return this.#call("POST", `/v1/payment_intents/${encodeURIComponent(id)}/capture`, {}, idempotencyKey);
  }

  cancel(id: string, idempotencyKey: string): Promise<PaymentIntent> {
    return this.#call("POST", `/v1/payment_intents/${encodeURIComponent(id)}/cancel`, {}, idempotencyKey);
  }
}

export class StripeSignatureError extends Error {
  override name = "StripeSignatureError";
}

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text))));
}

/** The `Stripe-Signature` header Stripe would send for a payload: `t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`. */
export async function stripeSignatureHeader(secret: string, payload: string, timestamp = Math.floor(Date.now() / 1000)): Promise<string> {
  return `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${payload}`)}`;
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Verifies a webhook as Stripe specifies: any `v1` signature in the header must equal the
 * HMAC-SHA256 (hex, key = endpoint secret) of `"<t>.<raw body>"`, and `t` must be within
 * `toleranceSeconds` of now. Throws StripeSignatureError; returns the parsed event.
 */
export async function verifyStripeWebhook(payload: string, header: string | undefined, secret: string, o: { toleranceSeconds?: number; now?: number } = {}): Promise<{ id: string; type: string; data: { object: PaymentIntent } }> {
  if (!header) throw new StripeSignatureError("no Stripe-Signature header");
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  const signatures = parts.filter(([k]) => k === "v1").map(([, v]) => v ?? "");
  if (!Number.isInteger(t) || signatures.length === 0) throw new StripeSignatureError("the Stripe-Signature header has no timestamp or no v1 signature");
  const now = Math.floor((o.now ?? Date.now()) / 1000);
  if (Math.abs(now - t) > (o.toleranceSeconds ?? 300)) throw new StripeSignatureError("the webhook timestamp is outside the tolerance");
  const expected = await hmacHex(secret, `${t}.${payload}`);
  if (!signatures.some((s) => sameText(s, expected))) throw new StripeSignatureError("no v1 signature matches");
  try {
    return JSON.parse(payload) as { id: string; type: string; data: { object: PaymentIntent } };
  } catch {
    throw new StripeSignatureError("the webhook body is not JSON");
  }
}

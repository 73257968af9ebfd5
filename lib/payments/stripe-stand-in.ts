/**
 * A local stand-in of the Stripe REST endpoints the top-ups call (PaymentIntents: create,
 * retrieve, capture, cancel), with Stripe's form encoding, bearer auth, idempotency keys and
 * state rules. Tests use it as a fetch function or behind a tiny HTTP server. `confirm(id)`
 * does what Stripe.js does in the browser: the card is authorized (status requires_capture).
 */
import type { PaymentIntent } from "./stripe";

export function stripeStandIn(secretKey = "sk_test_frameos") {
  const intents = new Map<string, PaymentIntent>();
  const replies = new Map<string, { status: number; body: unknown }>();
  const calls: string[] = [];
  const prefix = Math.random().toString(36).slice(2, 8);
  const error = (status: number, code: string, message: string) => ({ status, body: { error: { type: "invalid_request_error", code, message } } });

  function handle(method: string, path: string, form: URLSearchParams): { status: number; body: unknown } {
    if (method === "POST" && path === "/v1/payment_intents") {
      const amount = Number(form.get("amount"));
      if (!Number.isInteger(amount) || amount < 1) return error(400, "parameter_invalid_integer", "amount must be a positive integer");
      const id = `pi_${prefix}${(intents.size + 1).toString().padStart(6, "0")}`;
      const metadata: Record<string, string> = {};
      for (const [k, v] of form) if (k.startsWith("metadata[")) metadata[k.slice(9, -1)] = v;
      const pi: PaymentIntent = {
        id, object: "payment_intent", amount, amount_capturable: 0, amount_received: 0, currency: form.get("currency") ?? "inr",
        status: "requires_payment_method", capture_method: form.get("capture_method") === "manual" ? "manual" : "automatic", client_secret: `${id}_secret_x`, metadata,
      };
      intents.set(id, pi);
      return { status: 200, body: pi };
    }
    const m = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/.exec(path);
    const pi = m ? intents.get(decodeURIComponent(m[1]!)) : undefined;
    if (!m || !pi) return error(404, "resource_missing", `No such payment_intent: ${m?.[1] ?? path}`);
    if (method === "GET" && !m[2]) return { status: 200, body: pi };
    if (method === "POST" && m[2] === "capture") {
      if (pi.status !== "requires_capture") return error(400, "payment_intent_unexpected_state", `This PaymentIntent could not be captured because it has a status of ${pi.status}.`);
      Object.assign(pi, { status: "succeeded", amount_received: pi.amount_capturable, amount_capturable: 0 });
      return { status: 200, body: pi };
    }
    if (method === "POST" && m[2] === "cancel") {
      if (pi.status === "succeeded" || pi.status === "canceled") return error(400, "payment_intent_unexpected_state", `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`);
      Object.assign(pi, { status: "canceled", amount_capturable: 0 });
      return { status: 200, body: pi };
    }
    return error(404, "resource_missing", `Unrecognized request URL (${method}: ${path})`);
  }

  /** Answers one request like api.stripe.com would. */
  async function fetchFn(input: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input);
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    calls.push(`${method} ${url.pathname}`);
    if (headers.get("authorization") !== `Bearer ${secretKey}`) return Response.json(error(401, "api_key_invalid", "Invalid API Key provided").body, { status: 401 });
    const key = headers.get("idempotency-key");
    const cacheKey = key ? `${method} ${url.pathname} ${key}` : null;
    const cached = cacheKey ? replies.get(cacheKey) : undefined;
    const reply = cached ?? handle(method, url.pathname, new URLSearchParams(typeof init.body === "string" ? init.body : ""));
    if (cacheKey && !cached) replies.set(cacheKey, { status: reply.status, body: structuredClone(reply.body) });
    return Response.json(reply.body, { status: reply.status });
  }

  function confirm(id: string): PaymentIntent {
    const pi = intents.get(id);
    if (!pi) throw new Error(`no ${id}`);
    Object.assign(pi, pi.capture_method === "manual" ? { status: "requires_capture", amount_capturable: pi.amount } : { status: "succeeded", amount_received: pi.amount });
    return pi;
  }

  return { fetch: fetchFn, confirm, intents, calls };
}

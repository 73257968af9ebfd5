import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { isPlatformAdmin } from "../engine/marketplace/admins";
import { PaymentError } from "../engine/payments/errors";
import { executePaid } from "../engine/payments/execute";
import { createMandate, createPurchaseIntent, getIntent, getMandate, mandateView } from "../engine/payments/mandates";
import { priceOf, quoteView } from "../engine/payments/quote";
import { getReceipt, receiptsOf, receiptView } from "../engine/payments/receipts";
import { developerRevenue, platformRevenue } from "../engine/payments/reports";
import { rotateSigningKey } from "../engine/payments/keys";
import { cancelStripeTopUp, handleStripeWebhook, startStripeTopUp } from "../engine/payments/stripe";
import { topUp, walletView } from "../engine/payments/wallet";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { AppError, forbidden, notFound } from "../middleware/errors";
import { body, doc, query } from "../openapi";
import { requireDeveloper } from "./developers";

const Currency = z.enum(["INR", "USD"]);
const Quote = z.object({ agent_id: z.string().min(1).max(64), deployment_id: z.string().min(1).max(64).optional() });
const Intent = Quote.extend({ orchestrator: z.string().min(1).max(128).optional() });
const Mandate = z.object({ purchase_intent_id: z.string().min(1).max(64) });
const Execute = z.object({ agent_id: z.string().min(1).max(64), deployment_id: z.string().min(1).max(64), inputs: z.unknown(), mandate_id: z.string().min(1).max(64).optional() });
const TopUp = z.object({ amount: z.number().int().positive().max(1_000_000_000_000), currency: Currency.default("INR"), identity: z.string().min(1).max(64).optional() });
const CardTopUp = z.object({ amount: z.number().int().positive().max(1_000_000_000_000), currency: Currency.default("INR") });
const WalletQuery = z.object({ currency: Currency.default("INR"), identity: z.string().min(1).max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });
const Days = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

const QuoteView = z.object({ agent_id: z.string(), deployment_id: z.string().nullable(), pricing_model: z.string(), amount: z.number(), max_amount: z.number(), currency: z.string(), expires_at: z.string(), providers: z.array(z.string()) });
const WalletBody = z.object({ identity: z.string(), currency: z.string(), balance: z.number(), held: z.number(), entries: z.array(z.record(z.string(), z.unknown())) });

/** Turns an engine PaymentError into the one error shape. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PaymentError) throw new AppError(err.status, err.code, err.message, err.details);
    throw err;
  }
}

async function requireAdmin(c: Context<AppEnv>) {
  const identity = requireIdentity(c);
  if (!(await isPlatformAdmin(c.env, identity.id))) throw forbidden("only platform admins can do this");
  return identity;
}

/** A deployment named in a body must be one the caller may run (another workspace's is a 404). */
async function checkDeployment(c: Context<AppEnv>, workspaceId: string | null) {
  if (!workspaceId) return;
  try {
    await requireWorkspace(c, workspaceId, "member");
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound("deployment");
    throw err;
  }
}

export const paymentsApi = new Hono<AppEnv>()
  .post("/quote", doc({ summary: "The most one run of an agent costs, with currency and expiry", tags: ["payments"], response: QuoteView }), body(Quote), async (c) => {
    requireIdentity(c);
    const { agent_id, deployment_id } = c.req.valid("json");
    const priced = await guarded(() => priceOf(c.env, agent_id, deployment_id));
    await checkDeployment(c, priced.workspace_id);
    return c.json(quoteView(priced));
  })
  .post("/purchase-intents", doc({ summary: "Record the intent to buy one run (payer = caller, provider ledger)", tags: ["payments"], status: 201 }), body(Intent), async (c) => {
    const identity = requireIdentity(c);
    const { agent_id, deployment_id, orchestrator } = c.req.valid("json");
    const priced = await guarded(() => priceOf(c.env, agent_id, deployment_id));
    await checkDeployment(c, priced.workspace_id);
    if (priced.amount === 0) throw new AppError(409, "free_agent", "this agent is free; run it without paying");
    const intent = await guarded(() => createPurchaseIntent(c.env, {
      payer: identity.id, identityId: identity.id, agentId: priced.agent_id, deploymentId: priced.deployment_id, executionId: null,
      amount: priced.amount, currency: priced.currency, provider: "ledger", orchestrator: orchestrator ?? null,
    }));
    return c.json({ purchase_intent: intent }, 201);
  })
  .get("/purchase-intents/:id", doc({ summary: "A purchase intent of the caller", tags: ["payments"] }), async (c) => {
    const identity = requireIdentity(c);
    const intent = await getIntent(c.env, c.req.param("id"));
    if (!intent || intent.identity_id !== identity.id) throw notFound("purchase intent");
    return c.json({ purchase_intent: intent });
  })
  .post("/mandates", doc({ summary: "Hold a purchase intent's amount in the caller's wallet as a signed mandate (402 with the shortfall when short)", tags: ["payments"], status: 201 }), body(Mandate), async (c) => {
    const identity = requireIdentity(c);
    const intent = await getIntent(c.env, c.req.valid("json").purchase_intent_id);
    if (!intent || intent.identity_id !== identity.id) throw notFound("purchase intent");
    const mandate = await guarded(() => createMandate(c.env, intent));
    return c.json({ mandate: mandateView(mandate) }, 201);
  })
  .get("/mandates/:id", doc({ summary: "A mandate of the caller, with its signed payload", tags: ["payments"] }), async (c) => {
    const identity = requireIdentity(c);
    const m = await getMandate(c.env, c.req.param("id"));
    if (!m || (m.payer !== identity.id && !(await isPlatformAdmin(c.env, identity.id)))) throw notFound("mandate");
    return c.json({ mandate: mandateView(m) });
  })
  .post("/execute", doc({ summary: "Run a priced agent: from the wallet, with a mandate, or with an x402 payment (402 with the requirement when unpaid)", tags: ["payments"], status: 202 }), body(Execute), async (c) => {
    return executePaid(c, c.req.valid("json"));
  })
  .get("/receipts", doc({ summary: "The caller's receipts, newest first", tags: ["payments"] }), async (c) => {
    return c.json({ receipts: await receiptsOf(c.env, requireIdentity(c).id) });
  })
  .get("/receipts/:id", doc({ summary: "A receipt's fields and its compact JWS (EdDSA; keys at /.well-known/frameos-keys.json)", tags: ["payments"] }), async (c) => {
    const identity = requireIdentity(c);
    const r = await getReceipt(c.env, c.req.param("id"));
    if (!r) throw notFound("receipt");
    if (r.payer !== identity.id && !(await isPlatformAdmin(c.env, identity.id))) {
      const ws = await c.env.DB.prepare("SELECT workspace_id FROM agent_executions WHERE id = ?1").bind(r.execution_id ?? "").first<{ workspace_id: string }>();
      if (!ws) throw notFound("receipt");
      await checkDeployment(c, ws.workspace_id).catch(() => {
        throw notFound("receipt");
      });
    }
    return c.json(receiptView(r));
  })
  .get("/wallet", doc({ summary: "Wallet balance, held amount and latest entries, in minor units", tags: ["payments"], response: WalletBody }), query(WalletQuery), async (c) => {
    const identity = requireIdentity(c);
    const { currency, identity: other, limit } = c.req.valid("query");
    if (other && other !== identity.id) await requireAdmin(c);
    return c.json(await walletView(c.env, other ?? identity.id, currency, limit));
  })
  .post("/wallet/top-up", doc({ summary: "Grant wallet credit (platform admins; Idempotency-Key makes it once-only)", tags: ["payments"], status: 201 }), body(TopUp), async (c) => {
    const admin = await requireAdmin(c);
    const { amount, currency, identity } = c.req.valid("json");
    const target = identity ?? admin.id;
    const known = await c.env.DB.prepare("SELECT 1 AS yes FROM identities WHERE id = ?1").bind(target).first();
    if (!known) throw notFound("identity");
    const key = c.req.header("idempotency-key");
    const done = await guarded(() => topUp(c.env, { identity: target, amount, currency, key: key ? `${admin.id}:${key}` : undefined, actor: admin.id, memo: `granted by ${admin.id}` }));
    return c.json({ ...done, wallet: await walletView(c.env, target, currency, 10) }, done.replayed ? 200 : 201);
  })
  .post("/stripe/top-ups", doc({ summary: "Start a card top-up: a Stripe PaymentIntent with manual capture (confirm it with the client secret)", tags: ["payments"], status: 201 }), body(CardTopUp), async (c) => {
    const identity = requireIdentity(c);
    const { amount, currency } = c.req.valid("json");
    return c.json(await guarded(() => startStripeTopUp(c.env, identity.id, amount, currency)), 201);
  })
  .post("/stripe/top-ups/:id/cancel", doc({ summary: "Cancel a card top-up that is not captured yet", tags: ["payments"] }), async (c) => {
    const identity = requireIdentity(c);
    return c.json(await guarded(() => cancelStripeTopUp(c.env, identity.id, c.req.param("id"))));
  })
  .post("/stripe/webhook", doc({ summary: "Stripe webhook (Stripe-Signature verified): capture authorized top-ups, credit succeeded ones", tags: ["payments"], security: false }), async (c) => {
    return c.json(await guarded(async () => handleStripeWebhook(c.env, await c.req.text(), c.req.header("stripe-signature"))));
  })
  .get("/revenue", doc({ summary: "Platform revenue per currency and day (platform admins)", tags: ["payments"] }), query(Days), async (c) => {
    await requireAdmin(c);
    return c.json(await platformRevenue(c.env, c.req.valid("query").days));
  })
  .post("/keys/rotate", doc({ summary: "Rotate the platform signing key (platform admins); old keys stay published", tags: ["payments"], status: 201 }), async (c) => {
    await requireAdmin(c);
    return c.json({ key: await rotateSigningKey(c.env) }, 201);
  });

/** GET /api/developers/revenue: the caller's developer revenue (pending → paid_out), per agent and per day. */
export const developerRevenueApi = new Hono<AppEnv>().get("/", doc({ summary: "Developer revenue: pending and paid out, per agent and per day", tags: ["payments"] }), query(Days), async (c) => {
  const dev = await requireDeveloper(c);
  return c.json(await developerRevenue(c.env, dev.id, c.req.valid("query").days));
});

import { Hono } from "hono";
import type { Context } from "hono";
import { newId } from "../../../lib/auth/secrets";
import { account } from "../../../lib/payments/ledger";
import type { AppEnv } from "../../context";
import { requireIdentity, resolveCaller } from "../../middleware/auth";
import { AppError, onError } from "../../middleware/errors";
import { agentRunsApi } from "../../routes/agent-runs";
import { prepareMandate } from "./authorize";
import { PaymentError } from "./errors";
import { balanceOf } from "./ledger-store";
import { getIntent, getMandate } from "./mandates";
import { priceOf, type Priced } from "./quote";
import { releaseMandate } from "./settle";
import { paymentRequirement, x402Mandate } from "./x402";

export interface PaidRun {
  agent_id: string;
  deployment_id: string;
  inputs: unknown;
  mandate_id?: string;
}

/** The marketplace's own execute route, reached in-process so every deployment and input check stays in one place. */
const runner = new Hono<AppEnv>()
  .use(async (c, next) => {
    c.set("requestId", newId("req"));
    await next();
  })
  .use(resolveCaller)
  .route("/", agentRunsApi);
runner.onError(onError);

function forward(c: Context<AppEnv>, run: PaidRun): Promise<Response> {
  const headers = new Headers({ "content-type": "application/json" });
  for (const name of ["authorization", "cookie", "cf-connecting-ip"]) {
    const v = c.req.header(name);
    if (v) headers.set(name, v);
  }
  const init = { method: "POST", headers, body: JSON.stringify({ deployment_id: run.deployment_id, inputs: run.inputs }) };
  return Promise.resolve(runner.request(`/${encodeURIComponent(run.agent_id)}/execute`, init, c.env, c.executionCtx));
}

const fail = (err: PaymentError) => new AppError(err.status, err.code, err.message, err.details);

async function usableMandate(identityId: string, priced: Priced, env: AppEnv["Bindings"], id: string) {
  const m = await getMandate(env, id);
  const intent = m ? await getIntent(env, m.purchase_intent_id) : null;
  if (!m || !intent || m.payer !== identityId) throw new AppError(404, "not_found", "mandate not found");
  if (m.status !== "active" || m.execution_id) throw new AppError(409, "mandate_used", `the mandate is ${m.execution_id ? "already used by a run" : m.status}`);
  if (intent.agent_id !== priced.agent_id || m.currency !== priced.currency || m.amount < priced.amount) {
    throw new AppError(409, "mandate_mismatch", "the mandate is for another agent, currency or a smaller amount");
  }
  return m;
}

/**
 * POST /api/payments/execute. A priced run is paid by, in order: the `mandate_id` the client
 * made itself, an `X-PAYMENT` header (x402), or the caller's wallet. With none of them able to
 * pay it answers 402: the shortfall in the one error shape plus an x402 payment requirement
 * for the quoted maximum (`x402Version`, `accepts`). The run itself is started by the
 * marketplace's execute route; a mandate made here but not used by a run is released.
 */
export async function executePaid(c: Context<AppEnv>, run: PaidRun): Promise<Response> {
  const identity = requireIdentity(c);
  let priced: Priced;
  try {
    priced = await priceOf(c.env, run.agent_id, run.deployment_id);
  } catch (err) {
    throw err instanceof PaymentError ? fail(err) : err;
  }
  let cleanup = (): void => undefined;
  let madeHere: string | null = null;
  if (priced.amount > 0) {
    const payment = c.req.header("x-payment");
    if (run.mandate_id) {
      const m = await usableMandate(identity.id, priced, c.env, run.mandate_id);
      cleanup = prepareMandate(identity.id, run.deployment_id, m.id);
    } else if (payment) {
      try {
        madeHere = (await x402Mandate(c.env, { header: payment, identityId: identity.id, priced, resource: c.req.url })).id;
      } catch (err) {
        throw err instanceof PaymentError ? fail(err) : err;
      }
      cleanup = prepareMandate(identity.id, run.deployment_id, madeHere);
    } else {
      const balance = await balanceOf(c.env.DB, account.wallet(priced.currency, identity.id));
      if (balance < priced.amount) {
        const details = { amount: priced.amount, currency: priced.currency, balance, shortfall: priced.amount - balance };
        return c.json({
          error: { code: "payment_required", message: `this run costs ${priced.amount} ${priced.currency} minor units; the wallet is short by ${details.shortfall}`, details },
          x402Version: 1, accepts: [paymentRequirement(c.env, priced, c.req.url)],
        }, 402);
      }
    }
  }
  try {
    const res = await forward(c, run);
    if (madeHere && res.status !== 202) await releaseMandate(c.env, madeHere);
    return res;
  } finally {
    cleanup();
  }
}

import { fromBase64Url } from "../../../lib/auth/encoding";
import { account } from "../../../lib/payments/ledger";
import type { PaymentsEnv } from "./config";
import { PaymentError } from "./errors";
import { createMandate, createPurchaseIntent, type MandateRow } from "./mandates";
import type { Priced } from "./quote";

/**
 * x402 settings (vars): `X402_FACILITATOR_URL` (default https://x402.org/facilitator),
 * `X402_PAY_TO` (the platform's receiving address), `X402_NETWORK` (default base-sepolia),
 * `X402_ASSET` (token contract), `X402_UNITS_PER_MINOR` (token base units per minor unit, default 10000: USDC's 6 decimals over cents).
 */
export type X402Env = PaymentsEnv & { X402_FACILITATOR_URL?: string; X402_PAY_TO?: string; X402_NETWORK?: string; X402_ASSET?: string; X402_UNITS_PER_MINOR?: string };

export interface PaymentRequirement {
  scheme: "exact";
  network: string;
  maxAmountRequired: string;
  resource: string;
  description: string;
  mimeType: string;
  payTo: string;
  maxTimeoutSeconds: number;
  asset: string;
  extra: { currency: string; amount_minor: number; agent_id: string };
}

type Transport = (input: string, init: RequestInit) => Promise<Response>;
let transport: Transport | null = null;

/** Replaces the HTTP transport to the facilitator (tests point it at a local stand-in); null restores `fetch`. */
export function setX402Transport(t: Transport | null): void {
  transport = t;
}

const unitsPerMinor = (env: X402Env) => {
  const n = Number(env.X402_UNITS_PER_MINOR);
  return Number.isSafeInteger(n) && n > 0 ? n : 10_000;
};

/** What an x402 client must pay for one run: the quoted maximum, in the asset's base units. */
export function paymentRequirement(env: X402Env, p: Priced, resource: string): PaymentRequirement {
  return {
    scheme: "exact", network: env.X402_NETWORK ?? "base-sepolia", maxAmountRequired: String(BigInt(p.amount) * BigInt(unitsPerMinor(env))),
    resource, description: `one run of agent ${p.slug}`, mimeType: "application/json", payTo: env.X402_PAY_TO ?? "0x0000000000000000000000000000000000000000",
    maxTimeoutSeconds: 300, asset: env.X402_ASSET ?? "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
    extra: { currency: p.currency, amount_minor: p.amount, agent_id: p.agent_id },
  };
}

async function facilitator<T>(env: X402Env, path: "verify" | "settle", body: unknown): Promise<T> {
  const base = (env.X402_FACILITATOR_URL ?? "https://x402.org/facilitator").replace(/\/$/, "");
  const send = transport ?? ((input: string, init: RequestInit) => fetch(input, init));
  let res: Response;
  try {
    res = await send(`${base}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch (err) {
    throw new PaymentError(502, "facilitator_unreachable", `the x402 facilitator did not answer: ${String(err)}`);
  }
  if (!res.ok) throw new PaymentError(502, "facilitator_error", `the x402 facilitator answered ${res.status} to /${path}`);
  return (await res.json()) as T;
}

function decodeHeader(header: string): Record<string, unknown> {
  try {
    const value = JSON.parse(new TextDecoder().decode(fromBase64Url(header.trim()))) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new PaymentError(400, "invalid_payment_header", "X-PAYMENT must be base64 of an x402 payment payload (JSON)");
}

/** Verifies an X-PAYMENT header with the facilitator and turns it into a mandate (hold funded by the x402 account). */
export async function x402Mandate(env: X402Env, o: { header: string; identityId: string; priced: Priced; resource: string }): Promise<MandateRow> {
  const paymentPayload = decodeHeader(o.header);
  const paymentRequirements = paymentRequirement(env, o.priced, o.resource);
  const verdict = await facilitator<{ isValid: boolean; invalidReason?: string; payer?: string }>(env, "verify", { x402Version: 1, paymentPayload, paymentRequirements });
  if (!verdict.isValid) throw new PaymentError(402, "payment_invalid", `the x402 payment was refused: ${verdict.invalidReason ?? "invalid"}`, { reason: verdict.invalidReason ?? null });
  const payer = `x402:${verdict.payer ?? "unknown"}`;
  const intent = await createPurchaseIntent(env, {
    payer, identityId: o.identityId, agentId: o.priced.agent_id, deploymentId: o.priced.deployment_id, executionId: null,
    amount: o.priced.amount, currency: o.priced.currency, provider: "x402", orchestrator: null,
  });
  const mandate = await createMandate(env, intent, { sourceAccount: account.funding(o.priced.currency, "x402") });
  await env.DB.prepare("INSERT OR IGNORE INTO x402_payments (mandate_id, payer, payment_header, requirement, status) VALUES (?1, ?2, ?3, ?4, 'verified')")
    .bind(mandate.id, payer, o.header, JSON.stringify(paymentRequirements))
    .run();
  return mandate;
}

/** The outside half of an x402 capture: settles at the facilitator once (the result is remembered per mandate); returns the transaction. */
export async function settleX402(env: X402Env, m: MandateRow, _amount: number): Promise<string> {
  const row = await env.DB.prepare("SELECT payment_header, requirement, status, settle_transaction FROM x402_payments WHERE mandate_id = ?1")
    .bind(m.id)
    .first<{ payment_header: string; requirement: string; status: string; settle_transaction: string | null }>();
  if (!row) throw new Error(`x402 mandate ${m.id} has no payment record`);
  if (row.settle_transaction) return row.settle_transaction;
  const paymentPayload = decodeHeader(row.payment_header);
  const result = await facilitator<{ success: boolean; errorReason?: string; transaction?: string }>(env, "settle", { x402Version: 1, paymentPayload, paymentRequirements: JSON.parse(row.requirement) as unknown });
  if (!result.success || !result.transaction) throw new PaymentError(502, "settle_failed", `the facilitator could not settle: ${result.errorReason ?? "unknown"}`);
  await env.DB.prepare("UPDATE x402_payments SET status = 'settled', settle_transaction = ?2 WHERE mandate_id = ?1").bind(m.id, result.transaction).run();
  return result.transaction;
}

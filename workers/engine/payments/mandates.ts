import { newId } from "../../../lib/auth/secrets";
import { account, holdEntries } from "../../../lib/payments/ledger";
import { isAmount, isCurrency } from "../../../lib/payments/money";
import { isoNow, mandateTtlSeconds, type PaymentsEnv, type Provider } from "./config";
import { PaymentError } from "./errors";
import { signCanonical } from "./keys";
import { balanceOf, isBalanceViolation, isUniqueViolation, postStatements } from "./ledger-store";

export interface IntentInput {
  /** Who pays: an identity id (wallet) or an x402 payer address. */
  payer: string;
  identityId: string | null;
  agentId: string;
  deploymentId: string | null;
  executionId: string | null;
  amount: number;
  currency: string;
  provider: Provider;
  orchestrator: string | null;
}

export interface IntentRow {
  id: string;
  payer: string;
  identity_id: string | null;
  agent_id: string;
  deployment_id: string | null;
  execution_id: string | null;
  amount: number;
  currency: string;
  provider: Provider;
  orchestrator: string | null;
  status: "open" | "mandated" | "expired";
  expires_at: string;
  created_at: string;
}

export interface MandateRow {
  id: string;
  purchase_intent_id: string;
  execution_id: string | null;
  payer: string;
  amount: number;
  currency: string;
  provider: Provider;
  source_account: string;
  status: "active" | "captured" | "released" | "expired";
  payload: string;
  signature: string;
  kid: string;
  expires_at: string;
  created_at: string;
  settled_at: string | null;
}

/** Records a purchase intent; for an execution, a second call returns the first intent. */
export async function createPurchaseIntent(env: PaymentsEnv, i: IntentInput): Promise<IntentRow> {
  if (!isCurrency(i.currency)) throw new PaymentError(400, "unsupported_currency", `currency must be INR or USD, got ${i.currency}`);
  if (!isAmount(i.amount) || i.amount === 0) throw new PaymentError(400, "invalid_amount", "a purchase needs a positive whole amount of minor units");
  const id = newId("pi");
  const expiresAt = isoNow(Date.now() + mandateTtlSeconds(env) * 1000);
  await env.DB.prepare(
    `INSERT INTO purchase_intents (id, payer, identity_id, agent_id, deployment_id, execution_id, amount, currency, provider, orchestrator, expires_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (execution_id) DO NOTHING`,
  )
    .bind(id, i.payer, i.identityId, i.agentId, i.deploymentId, i.executionId, i.amount, i.currency, i.provider, i.orchestrator, expiresAt)
    .run();
  const row = i.executionId
    ? await env.DB.prepare("SELECT * FROM purchase_intents WHERE execution_id = ?1").bind(i.executionId).first<IntentRow>()
    : await env.DB.prepare("SELECT * FROM purchase_intents WHERE id = ?1").bind(id).first<IntentRow>();
  if (!row) throw new Error("purchase intent vanished");
  return row;
}

export const getIntent = (env: PaymentsEnv, id: string) => env.DB.prepare("SELECT * FROM purchase_intents WHERE id = ?1").bind(id).first<IntentRow>();
export const getMandate = (env: PaymentsEnv, id: string) => env.DB.prepare("SELECT * FROM mandates WHERE id = ?1").bind(id).first<MandateRow>();
export const mandateForExecution = (env: PaymentsEnv, executionId: string) =>
  env.DB.prepare("SELECT * FROM mandates WHERE execution_id = ?1").bind(executionId).first<MandateRow>();

/**
 * Turns a purchase intent into a mandate: signs it (Ed25519 over canonical JSON) and, in one
 * batch, records it, moves the amount from the payer's wallet (or the x402 funding account)
 * into the hold, and links the execution. Not enough money → PaymentError 402 with the
 * shortfall. Idempotent per intent: a replay returns the existing mandate.
 */
export async function createMandate(env: PaymentsEnv, intent: IntentRow, o: { sourceAccount?: string } = {}): Promise<MandateRow> {
  const existing = await env.DB.prepare("SELECT * FROM mandates WHERE purchase_intent_id = ?1").bind(intent.id).first<MandateRow>();
  if (existing) return existing;
  if (intent.expires_at <= isoNow()) throw new PaymentError(409, "intent_expired", "the purchase intent has expired; create a new one");
  const source = o.sourceAccount ?? account.wallet(intent.currency, intent.payer);
  const id = newId("mdt");
  const issuedAt = isoNow();
  const signed = await signCanonical(env, {
    mandate_id: id, purchase_intent_id: intent.id, execution_id: intent.execution_id, payer: intent.payer, agent_id: intent.agent_id,
    amount: intent.amount, currency: intent.currency, provider: intent.provider, issued_at: issuedAt, expires_at: intent.expires_at,
  });
  const db = env.DB;
  const statements = [
    db.prepare(
      `INSERT INTO mandates (id, purchase_intent_id, execution_id, payer, amount, currency, provider, source_account, payload, signature, kid, expires_at, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
    ).bind(id, intent.id, intent.execution_id, intent.payer, intent.amount, intent.currency, intent.provider, source, signed.payload, signed.signature, signed.kid, intent.expires_at, issuedAt),
    ...postStatements(db, { id: newId("ltx"), kind: "hold", key: `hold:${id}`, currency: intent.currency, amount: intent.amount, mandateId: id, executionId: intent.execution_id, actor: intent.identity_id, memo: `hold for agent ${intent.agent_id}` },
      holdEntries(intent.currency, source, intent.payer, intent.amount)),
    db.prepare("UPDATE purchase_intents SET status = 'mandated' WHERE id = ?1").bind(intent.id),
  ];
  if (intent.execution_id) {
    statements.push(db.prepare("UPDATE agent_executions SET purchase_intent_id = ?2, mandate_id = ?3 WHERE id = ?1").bind(intent.execution_id, intent.id, id));
  }
  try {
    await db.batch(statements);
  } catch (err) {
    if (isUniqueViolation(err)) {
      const again = await db.prepare("SELECT * FROM mandates WHERE purchase_intent_id = ?1").bind(intent.id).first<MandateRow>();
      if (again) return again;
    }
    if (isBalanceViolation(err)) {
      const balance = await balanceOf(db, source);
      throw new PaymentError(402, "insufficient_funds", `the wallet holds ${balance} and this run needs ${intent.amount} (${intent.currency} minor units)`, {
        amount: intent.amount, currency: intent.currency, balance, shortfall: Math.max(0, intent.amount - balance),
      });
    }
    throw err;
  }
  const row = await getMandate(env, id);
  if (!row) throw new Error("mandate vanished");
  return row;
}

/** The public view of a mandate: its fields, the signed canonical payload and signature, and the kid. */
export function mandateView(m: MandateRow) {
  return {
    mandate_id: m.id, purchase_intent_id: m.purchase_intent_id, execution_id: m.execution_id, payer: m.payer, amount: m.amount,
    currency: m.currency, provider: m.provider, status: m.status, expires_at: m.expires_at, created_at: m.created_at, settled_at: m.settled_at,
    signed: { payload: m.payload, signature: m.signature, kid: m.kid, alg: "EdDSA" as const },
  };
}

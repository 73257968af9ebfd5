import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Payments: a double-entry ledger in integer minor units, purchase intents, signed mandates,
// payments, signed receipts, payouts, the platform's signing keys and the outside rails.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** One ledger account (`kind:currency[:owner]`, see lib/payments/ledger.ts); `balance` is the sum of its entries. */
export const paymentAccounts = sqliteTable(
  "payment_accounts",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    currency: text("currency").notNull(),
    owner: text("owner"),
    balance: integer("balance").notNull().default(0),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    check("payment_accounts_non_negative", sql`${t.kind} NOT IN ('wallet', 'hold', 'developer', 'orchestrator') OR ${t.balance} >= 0`),
    index("payment_accounts_owner").on(t.owner),
  ],
);

/** A ledger transaction; `idempotency_key` is unique so a replay cannot post it twice (e.g. `settle:<mandate>`). */
export const ledgerTransactions = sqliteTable(
  "ledger_transactions",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["top_up", "hold", "capture", "release", "expire", "payout"] }).notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    currency: text("currency").notNull(),
    amount: integer("amount").notNull(),
    mandateId: text("mandate_id"),
    executionId: text("execution_id"),
    actor: text("actor"),
    memo: text("memo"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("ledger_transactions_key").on(t.idempotencyKey), index("ledger_transactions_mandate").on(t.mandateId)],
);

export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transactionId: text("transaction_id").notNull().references(() => ledgerTransactions.id),
    accountId: text("account_id").notNull().references(() => paymentAccounts.id),
    amount: integer("amount").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("ledger_entries_account").on(t.accountId, t.id), index("ledger_entries_transaction").on(t.transactionId)],
);

export const PROVIDERS = ["ledger", "stripe", "x402"] as const;

/** What a payer agreed to buy: one run of an agent, at most `amount`. */
export const purchaseIntents = sqliteTable(
  "purchase_intents",
  {
    id: text("id").primaryKey(),
    payer: text("payer").notNull(),
    identityId: text("identity_id"),
    agentId: text("agent_id").notNull(),
    deploymentId: text("deployment_id"),
    executionId: text("execution_id"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    provider: text("provider", { enum: PROVIDERS }).notNull(),
    orchestrator: text("orchestrator"),
    status: text("status", { enum: ["open", "mandated", "expired"] }).notNull().default("open"),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("purchase_intents_execution").on(t.executionId)],
);

/** A signed hold of a purchase intent's amount: captured once, released once, or expired. */
export const mandates = sqliteTable(
  "mandates",
  {
    id: text("id").primaryKey(),
    purchaseIntentId: text("purchase_intent_id").notNull().references(() => purchaseIntents.id),
    executionId: text("execution_id"),
    payer: text("payer").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    provider: text("provider", { enum: PROVIDERS }).notNull(),
    /** The account the hold came from and a release returns to. */
    sourceAccount: text("source_account").notNull(),
    status: text("status", { enum: ["active", "captured", "released", "expired"] }).notNull().default("active"),
    /** The canonical JSON that was signed, and its detached Ed25519 signature (base64url). */
    payload: text("payload").notNull(),
    signature: text("signature").notNull(),
    kid: text("kid").notNull(),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull().default(now),
    settledAt: text("settled_at"),
  },
  (t) => [
    uniqueIndex("mandates_intent").on(t.purchaseIntentId),
    uniqueIndex("mandates_execution").on(t.executionId),
    index("mandates_status").on(t.status, t.expiresAt),
  ],
);

/** A captured mandate; `mandate_id` is unique (one capture per mandate). */
export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    mandateId: text("mandate_id").notNull().references(() => mandates.id),
    executionId: text("execution_id"),
    agentId: text("agent_id").notNull(),
    developerId: text("developer_id").notNull(),
    orchestrator: text("orchestrator"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    developerShare: integer("developer_share").notNull(),
    platformShare: integer("platform_share").notNull(),
    orchestratorShare: integer("orchestrator_share").notNull(),
    fee: integer("fee").notNull(),
    provider: text("provider", { enum: PROVIDERS }).notNull(),
    providerRef: text("provider_ref"),
    transactionId: text("transaction_id").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("payments_mandate").on(t.mandateId), index("payments_developer").on(t.developerId, t.createdAt)],
);

export const receipts = sqliteTable(
  "receipts",
  {
    id: text("id").primaryKey(),
    paymentId: text("payment_id").notNull().references(() => payments.id),
    executionId: text("execution_id"),
    payer: text("payer").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    jws: text("jws").notNull(),
    kid: text("kid").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("receipts_payment").on(t.paymentId)],
);

export const payouts = sqliteTable(
  "payouts",
  {
    id: text("id").primaryKey(),
    developerId: text("developer_id").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["paid_out"] }).notNull().default("paid_out"),
    transactionId: text("transaction_id").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("payouts_developer").on(t.developerId, t.createdAt)],
);

/** The platform's Ed25519 keys; the private key is AES-GCM encrypted with the KEK (never stored plain). */
export const signingKeys = sqliteTable("signing_keys", {
  kid: text("kid").primaryKey(),
  publicJwk: text("public_jwk", { mode: "json" }).$type<Record<string, string>>().notNull(),
  privateKeyEnc: text("private_key_enc").notNull(),
  iv: text("iv").notNull(),
  status: text("status", { enum: ["active", "retired"] }).notNull(),
  createdAt: text("created_at").notNull().default(now),
  retiredAt: text("retired_at"),
});

/** A wallet top-up through a Stripe PaymentIntent with manual capture. */
export const stripeTopUps = sqliteTable(
  "stripe_top_ups",
  {
    id: text("id").primaryKey(),
    paymentIntentId: text("payment_intent_id").notNull(),
    identityId: text("identity_id").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["requires_payment", "requires_capture", "succeeded", "canceled"] }).notNull(),
    transactionId: text("transaction_id"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("stripe_top_ups_intent").on(t.paymentIntentId)],
);

/** An x402 payment behind a mandate: verified at execute, settled at the facilitator only on success. */
export const x402Payments = sqliteTable(
  "x402_payments",
  {
    mandateId: text("mandate_id").primaryKey(),
    payer: text("payer").notNull(),
    paymentHeader: text("payment_header").notNull(),
    requirement: text("requirement", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    settleTransaction: text("settle_transaction"),
    status: text("status", { enum: ["verified", "settled", "abandoned"] }).notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
);

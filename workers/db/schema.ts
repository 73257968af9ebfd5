import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Timestamps are ISO-8601 strings in UTC; `now` is SQLite's view of the same. */
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const identities = sqliteTable(
  "identities",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email"),
    type: text("type", { enum: ["human", "ai", "system"] }).notNull(),
    passwordHash: text("password_hash"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("identities_email").on(t.email)],
);

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull().default(now),
});

export const ROLES = ["viewer", "member", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const memberships = sqliteTable(
  "memberships",
  {
    workspaceId: text("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    identityId: text("identity_id").notNull().references(() => identities.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.identityId] }), index("memberships_identity").on(t.identityId)],
);

export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    identityId: text("identity_id").notNull().references(() => identities.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    scopes: text("scopes", { mode: "json" }).$type<Scope[]>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at"),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash), index("api_tokens_workspace").on(t.workspaceId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    identityId: text("identity_id").notNull().references(() => identities.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [uniqueIndex("sessions_hash").on(t.tokenHash)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    workspaceId: text("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    invitedBy: text("invited_by").notNull(),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    acceptedAt: text("accepted_at"),
  },
  (t) => [uniqueIndex("invitations_hash").on(t.tokenHash), index("invitations_workspace").on(t.workspaceId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    actorId: text("actor_id"),
    actorType: text("actor_type", { enum: ["human", "ai", "system", "anonymous"] }).notNull(),
    workspaceId: text("workspace_id"),
    action: text("action").notNull(),
    target: text("target"),
    requestId: text("request_id").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_workspace").on(t.workspaceId, t.id), index("audit_actor").on(t.actorId)],
);

/** Fixed-window counters for rate limits, keyed by purpose and subject. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

/** Plugins installed in a workspace, with the package files the rooms start from. */
export const installedPlugins = sqliteTable(
  "installed_plugins",
  {
    workspaceId: text("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    version: text("version").notNull(),
    title: text("title").notNull(),
    firstParty: integer("first_party", { mode: "boolean" }).notNull(),
    files: text("files", { mode: "json" }).$type<Record<string, string>>().notNull(),
    installedBy: text("installed_by").notNull(),
    installedAt: text("installed_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.name] })],
);

/** Every room (plugin instance) that has been used, so uninstalling can clear them all. */
export const pluginInstances = sqliteTable(
  "plugin_instances",
  {
    workspaceId: text("workspace_id").notNull(),
    plugin: text("plugin").notNull(),
    instance: text("instance").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.plugin, t.instance] })],
);

/** Hosts a workspace's plugins may reach through the `http.fetch` effect (none by default). */
export const httpAllowlist = sqliteTable(
  "http_allowlist",
  {
    workspaceId: text("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.host] })],
);

// -- Agent marketplace ------------------------------------------------------------------------

export const developers = sqliteTable("developers", {
  id: text("id").primaryKey(),
  identityId: text("identity_id").notNull().unique().references(() => identities.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  name: text("name").notNull(),
  company: text("company"),
  status: text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
  verifiedEmail: integer("verified_email", { mode: "boolean" }).notNull().default(false),
  totalRevenue: integer("total_revenue").notNull().default(0),
  createdAt: text("created_at").notNull().default(now),
});

export const AGENT_STATUSES = ["pending_review", "approved", "rejected", "suspended"] as const;

export const agentDefinitions = sqliteTable(
  "agent_definitions",
  {
    id: text("id").primaryKey(),
    developerId: text("developer_id").notNull().references(() => developers.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    category: text("category").notNull(),
    pricingModel: text("pricing_model", { enum: ["free", "per_execution"] }).notNull(),
    /** Minor units (paise, cents). */
    priceAmount: integer("price_amount").notNull().default(0),
    currency: text("currency").notNull().default("INR"),
    currentVersion: text("current_version").notNull(),
    totalExecutions: integer("total_executions").notNull().default(0),
    successfulExecutions: integer("successful_executions").notNull().default(0),
    successRate: real("success_rate").notNull().default(0),
    rating: real("rating").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    status: text("status", { enum: AGENT_STATUSES }).notNull().default("pending_review"),
    reviewReason: text("review_reason"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("agent_definitions_status").on(t.status, t.category)],
);

export const agentVersions = sqliteTable(
  "agent_versions",
  {
    id: text("id").primaryKey(),
    agentId: text("agent_id").notNull().references(() => agentDefinitions.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    manifest: text("manifest", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    r2Key: text("r2_key").notNull(),
    sha256: text("sha256").notNull(),
    codeFormat: text("code_format", { enum: ["js", "tar.gz"] }).notNull(),
    runtimeLanguage: text("runtime_language").notNull(),
    timeoutMs: integer("timeout_ms").notNull(),
    memoryMb: integer("memory_mb").notNull(),
    scanPassed: integer("scan_passed", { mode: "boolean" }).notNull(),
    scanReport: text("scan_report", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("agent_versions_agent_version").on(t.agentId, t.version)],
);

export const agentDeployments = sqliteTable(
  "agent_deployments",
  {
    id: text("id").primaryKey(),
    identityId: text("identity_id").notNull().references(() => identities.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: text("agent_id").notNull().references(() => agentDefinitions.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["active", "paused", "deleted"] }).notNull().default("active"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("agent_deployments_workspace").on(t.workspaceId)],
);

export const EXECUTION_STATUSES = ["authorizing", "queued", "running", "success", "failed", "timeout", "cancelled"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const agentExecutions = sqliteTable(
  "agent_executions",
  {
    id: text("id").primaryKey(),
    deploymentId: text("deployment_id").notNull().references(() => agentDeployments.id, { onDelete: "cascade" }),
    agentId: text("agent_id").notNull(),
    version: text("version").notNull(),
    identityId: text("identity_id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    inputs: text("inputs", { mode: "json" }).$type<unknown>().notNull(),
    outputs: text("outputs", { mode: "json" }).$type<unknown>(),
    status: text("status", { enum: EXECUTION_STATUSES }).notNull(),
    queue: text("queue", { enum: ["paid", "free"] }).notNull(),
    createdAt: text("created_at").notNull().default(now),
    queuedAt: text("queued_at"),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
    durationMs: integer("duration_ms"),
    stdoutTail: text("stdout_tail"),
    stderrTail: text("stderr_tail"),
    errorMessage: text("error_message"),
    exitCode: integer("exit_code"),
    attempt: integer("attempt").notNull().default(0),
    /** Who started the run on someone's behalf (plugin, agent or identity) — the orchestrator's share. */
    orchestrator: text("orchestrator"),
    // Payment references (filled by the payments issue).
    purchaseIntentId: text("purchase_intent_id"),
    mandateId: text("mandate_id"),
    paymentId: text("payment_id"),
    receiptId: text("receipt_id"),
  },
  (t) => [index("agent_executions_agent").on(t.agentId, t.createdAt), index("agent_executions_workspace").on(t.workspaceId, t.createdAt)],
);

export const agentRatings = sqliteTable(
  "agent_ratings",
  {
    agentId: text("agent_id").notNull().references(() => agentDefinitions.id, { onDelete: "cascade" }),
    identityId: text("identity_id").notNull().references(() => identities.id, { onDelete: "cascade" }),
    stars: integer("stars").notNull(),
    text: text("text"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.identityId] })],
);

/** Remembered answers for requests sent with an Idempotency-Key. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    response: text("response").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

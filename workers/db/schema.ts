import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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

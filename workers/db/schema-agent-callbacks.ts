import { sql } from "drizzle-orm";
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Runs started by a plugin's `agent.execute` effect, and where their outcome goes back to.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * One `agent.execute` effect: the room and `then` command that receive the run's outcome.
 * `effect_key` (workspace/plugin/instance/dispatch/index) makes a redelivered effect start no
 * second run. `state`: pending → delivering → delivered.
 */
export const agentCallbacks = sqliteTable(
  "agent_callbacks",
  {
    effectKey: text("effect_key").primaryKey(),
    executionId: text("execution_id").unique(),
    workspaceId: text("workspace_id").notNull(),
    plugin: text("plugin").notNull(),
    instance: text("instance").notNull(),
    thenCommand: text("then_command").notNull(),
    thenParams: text("then_params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    identityId: text("identity_id").notNull(),
    author: text("author", { mode: "json" }).$type<{ id: string; name: string; type: string }>().notNull(),
    changeset: text("changeset").notNull(),
    state: text("state", { enum: ["pending", "delivering", "delivered"] }).notNull().default("pending"),
    claimedAt: text("claimed_at"),
    createdAt: text("created_at").notNull().default(now),
    deliveredAt: text("delivered_at"),
  },
  (t) => [index("agent_callbacks_workspace").on(t.workspaceId, t.createdAt)],
);

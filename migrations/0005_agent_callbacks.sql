CREATE TABLE `agent_callbacks` (
	`effect_key` text PRIMARY KEY NOT NULL,
	`execution_id` text,
	`workspace_id` text NOT NULL,
	`plugin` text NOT NULL,
	`instance` text NOT NULL,
	`then_command` text NOT NULL,
	`then_params` text NOT NULL,
	`identity_id` text NOT NULL,
	`author` text NOT NULL,
	`changeset` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`claimed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`delivered_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_callbacks_execution_id_unique` ON `agent_callbacks` (`execution_id`);--> statement-breakpoint
CREATE INDEX `agent_callbacks_workspace` ON `agent_callbacks` (`workspace_id`,`created_at`);
CREATE TABLE `agent_definitions` (
	`id` text PRIMARY KEY NOT NULL,
	`developer_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`pricing_model` text NOT NULL,
	`price_amount` integer DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'INR' NOT NULL,
	`current_version` text NOT NULL,
	`total_executions` integer DEFAULT 0 NOT NULL,
	`successful_executions` integer DEFAULT 0 NOT NULL,
	`success_rate` real DEFAULT 0 NOT NULL,
	`rating` real DEFAULT 0 NOT NULL,
	`rating_count` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'pending_review' NOT NULL,
	`review_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_definitions_slug_unique` ON `agent_definitions` (`slug`);--> statement-breakpoint
CREATE INDEX `agent_definitions_status` ON `agent_definitions` (`status`,`category`);--> statement-breakpoint
CREATE TABLE `agent_deployments` (
	`id` text PRIMARY KEY NOT NULL,
	`identity_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`version` text NOT NULL,
	`config` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agent_definitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_deployments_workspace` ON `agent_deployments` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `agent_executions` (
	`id` text PRIMARY KEY NOT NULL,
	`deployment_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`version` text NOT NULL,
	`identity_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`inputs` text NOT NULL,
	`outputs` text,
	`status` text NOT NULL,
	`queue` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`queued_at` text,
	`started_at` text,
	`finished_at` text,
	`duration_ms` integer,
	`stdout_tail` text,
	`stderr_tail` text,
	`error_message` text,
	`exit_code` integer,
	`attempt` integer DEFAULT 0 NOT NULL,
	`orchestrator` text,
	`purchase_intent_id` text,
	`mandate_id` text,
	`payment_id` text,
	`receipt_id` text,
	FOREIGN KEY (`deployment_id`) REFERENCES `agent_deployments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_executions_agent` ON `agent_executions` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `agent_executions_workspace` ON `agent_executions` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `agent_ratings` (
	`agent_id` text NOT NULL,
	`identity_id` text NOT NULL,
	`stars` integer NOT NULL,
	`text` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`agent_id`, `identity_id`),
	FOREIGN KEY (`agent_id`) REFERENCES `agent_definitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `agent_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`version` text NOT NULL,
	`manifest` text NOT NULL,
	`r2_key` text NOT NULL,
	`sha256` text NOT NULL,
	`code_format` text NOT NULL,
	`runtime_language` text NOT NULL,
	`timeout_ms` integer NOT NULL,
	`memory_mb` integer NOT NULL,
	`scan_passed` integer NOT NULL,
	`scan_report` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `agent_definitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_versions_agent_version` ON `agent_versions` (`agent_id`,`version`);--> statement-breakpoint
CREATE TABLE `developers` (
	`id` text PRIMARY KEY NOT NULL,
	`identity_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`company` text,
	`status` text DEFAULT 'active' NOT NULL,
	`verified_email` integer DEFAULT false NOT NULL,
	`total_revenue` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `developers_identity_id_unique` ON `developers` (`identity_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `agents_fts` USING fts5(`agent_id` UNINDEXED, `name`, `description`, `category`, tokenize = 'porter unicode61');

CREATE TABLE `browser_console` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`client` text NOT NULL,
	`identity` text NOT NULL,
	`at` text NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`source` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `browser_console_ws` ON `browser_console` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `browser_mutations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`client` text NOT NULL,
	`identity` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`detail` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `browser_mutations_ws` ON `browser_mutations` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `request_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`at` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`status` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`identity` text NOT NULL,
	`identity_name` text NOT NULL,
	`identity_type` text NOT NULL,
	`token_id` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_log_ws` ON `request_log` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `worker_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`route` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `worker_log_ws` ON `worker_log` (`workspace_id`,`id`);
CREATE TABLE `installed_plugins` (
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`version` text NOT NULL,
	`title` text NOT NULL,
	`first_party` integer NOT NULL,
	`files` text NOT NULL,
	`installed_by` text NOT NULL,
	`installed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`workspace_id`, `name`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `plugin_instances` (
	`workspace_id` text NOT NULL,
	`plugin` text NOT NULL,
	`instance` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`workspace_id`, `plugin`, `instance`)
);

CREATE TABLE `http_allowlist` (
	`workspace_id` text NOT NULL,
	`host` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `host`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);

CREATE INDEX `browser_console_received` ON `browser_console` (`received_at`);--> statement-breakpoint
CREATE INDEX `browser_mutations_received` ON `browser_mutations` (`received_at`);--> statement-breakpoint
CREATE INDEX `request_log_at` ON `request_log` (`at`);--> statement-breakpoint
CREATE INDEX `worker_log_at` ON `worker_log` (`at`);
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transaction_id` text NOT NULL,
	`account_id` text NOT NULL,
	`amount` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`transaction_id`) REFERENCES `ledger_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `payment_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_account` ON `ledger_entries` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_transaction` ON `ledger_entries` (`transaction_id`);--> statement-breakpoint
CREATE TABLE `ledger_transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`mandate_id` text,
	`execution_id` text,
	`actor` text,
	`memo` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_transactions_key` ON `ledger_transactions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_mandate` ON `ledger_transactions` (`mandate_id`);--> statement-breakpoint
CREATE TABLE `mandates` (
	`id` text PRIMARY KEY NOT NULL,
	`purchase_intent_id` text NOT NULL,
	`execution_id` text,
	`payer` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`provider` text NOT NULL,
	`source_account` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`payload` text NOT NULL,
	`signature` text NOT NULL,
	`kid` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`settled_at` text,
	FOREIGN KEY (`purchase_intent_id`) REFERENCES `purchase_intents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mandates_intent` ON `mandates` (`purchase_intent_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mandates_execution` ON `mandates` (`execution_id`);--> statement-breakpoint
CREATE INDEX `mandates_status` ON `mandates` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `payment_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`currency` text NOT NULL,
	`owner` text,
	`balance` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "payment_accounts_non_negative" CHECK("payment_accounts"."kind" NOT IN ('wallet', 'hold', 'developer', 'orchestrator') OR "payment_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE INDEX `payment_accounts_owner` ON `payment_accounts` (`owner`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`mandate_id` text NOT NULL,
	`execution_id` text,
	`agent_id` text NOT NULL,
	`developer_id` text NOT NULL,
	`orchestrator` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`developer_share` integer NOT NULL,
	`platform_share` integer NOT NULL,
	`orchestrator_share` integer NOT NULL,
	`fee` integer NOT NULL,
	`provider` text NOT NULL,
	`provider_ref` text,
	`transaction_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`mandate_id`) REFERENCES `mandates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_mandate` ON `payments` (`mandate_id`);--> statement-breakpoint
CREATE INDEX `payments_developer` ON `payments` (`developer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`developer_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'paid_out' NOT NULL,
	`transaction_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payouts_developer` ON `payouts` (`developer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `purchase_intents` (
	`id` text PRIMARY KEY NOT NULL,
	`payer` text NOT NULL,
	`identity_id` text,
	`agent_id` text NOT NULL,
	`deployment_id` text,
	`execution_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`provider` text NOT NULL,
	`orchestrator` text,
	`status` text DEFAULT 'open' NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_intents_execution` ON `purchase_intents` (`execution_id`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`execution_id` text,
	`payer` text NOT NULL,
	`payload` text NOT NULL,
	`jws` text NOT NULL,
	`kid` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_payment` ON `receipts` (`payment_id`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`public_jwk` text NOT NULL,
	`private_key_enc` text NOT NULL,
	`iv` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE TABLE `stripe_top_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_intent_id` text NOT NULL,
	`identity_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`transaction_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stripe_top_ups_intent` ON `stripe_top_ups` (`payment_intent_id`);--> statement-breakpoint
CREATE TABLE `x402_payments` (
	`mandate_id` text PRIMARY KEY NOT NULL,
	`payer` text NOT NULL,
	`payment_header` text NOT NULL,
	`requirement` text NOT NULL,
	`settle_transaction` text,
	`status` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);

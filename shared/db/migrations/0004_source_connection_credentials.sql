ALTER TABLE "source_connections" ADD COLUMN "source" text DEFAULT 'notion' NOT NULL;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "external_account_id" text;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "connected_by" text;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "credentials" text;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "sync_lease_owner" text;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "sync_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "source_connections" ADD CONSTRAINT "source_connections_workspace_source_unique" UNIQUE("workspace_id","source");
CREATE TABLE "source_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'ok' NOT NULL,
	"cursor" timestamp with time zone,
	"last_complete_sync_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"last_error" text,
	"document_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_connections_workspace_kind_id_unique" UNIQUE("workspace_id","kind","id"),
	CONSTRAINT "source_connections_kind_check" CHECK ("source_connections"."kind" in ('notion')),
	CONSTRAINT "source_connections_state_check" CHECK ("source_connections"."state" in ('syncing', 'ok', 'needs_reauth', 'error'))
);
--> statement-breakpoint
CREATE INDEX "source_connections_workspace_id_index" ON "source_connections" USING btree ("workspace_id");
CREATE TABLE "billing_accounts" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"customer_id" text,
	"subscription_id" text,
	"subscription_item_id" text,
	"subscription_status" text,
	"trial_ends_at" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"subscription_event_at" timestamp with time zone,
	"synced_seats" integer,
	"seat_version" integer DEFAULT 0 NOT NULL,
	"seats_synced_at" timestamp with time zone,
	"past_due_warned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_accounts_customer_id_unique" UNIQUE("customer_id"),
	CONSTRAINT "billing_accounts_subscription_id_unique" UNIQUE("subscription_id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"workspace_id" text NOT NULL,
	"platform" text NOT NULL,
	"user_id" text NOT NULL,
	"is_bot" boolean DEFAULT false NOT NULL,
	"last_activity" text NOT NULL,
	"last_active_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_workspace_id_platform_user_id_pk" PRIMARY KEY("workspace_id","platform","user_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"workspace_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "members_workspace_active_index" ON "members" USING btree ("workspace_id","last_active_at");
CREATE TABLE "slack_installations" (
	"installation_key" text PRIMARY KEY NOT NULL,
	"team_id" text,
	"team_name" text,
	"enterprise_id" text,
	"workspace_id" text NOT NULL,
	"app_id" text,
	"bot_id" text NOT NULL,
	"bot_user_id" text NOT NULL,
	"bot_scopes" text NOT NULL,
	"bot_token_encrypted" text NOT NULL,
	"bot_refresh_token_encrypted" text,
	"bot_token_expires_at" timestamp with time zone,
	"installer_user_id" text NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slack_installations_workspace_id_unique" UNIQUE("workspace_id"),
	CONSTRAINT "slack_installations_team_or_enterprise_check" CHECK ("slack_installations"."team_id" is not null or "slack_installations"."enterprise_id" is not null)
);

ALTER TABLE "source_connections" DROP CONSTRAINT "source_connections_kind_check";--> statement-breakpoint
ALTER TABLE "source_connections" ALTER COLUMN "source" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "sync_state" jsonb;--> statement-breakpoint
-- Notion connections keep their edit-time cursor inside the opaque sync state (see notion-sync-state.ts).
UPDATE "source_connections" SET "sync_state" = jsonb_build_object('cursor', to_jsonb("cursor")) WHERE "cursor" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "source_connections" DROP COLUMN "cursor";--> statement-breakpoint
ALTER TABLE "source_connections" ADD CONSTRAINT "source_connections_kind_check" CHECK ("source_connections"."kind" in ('notion', 'files', 'drive'));
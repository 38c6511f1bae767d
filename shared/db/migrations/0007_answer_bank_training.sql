CREATE TABLE "dataset_splits" (
	"workspace_id" text NOT NULL,
	"question_id" text NOT NULL,
	"cluster" text NOT NULL,
	"split" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dataset_splits_workspace_id_question_id_pk" PRIMARY KEY("workspace_id","question_id"),
	CONSTRAINT "dataset_splits_split_check" CHECK ("dataset_splits"."split" in ('train', 'valid', 'test'))
);
--> statement-breakpoint
CREATE TABLE "model_promotions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"model" text,
	"previous" text,
	"action" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_promotions_action_check" CHECK ("model_promotions"."action" in ('promote', 'rollback'))
);
--> statement-breakpoint
CREATE TABLE "training_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"reason" text,
	"candidate" text,
	"current" text,
	"scores" jsonb,
	"examples" integer DEFAULT 0 NOT NULL,
	"train_seconds" double precision,
	"tokens_per_second" double precision,
	"peak_memory_gb" double precision,
	"approvals_until" timestamp with time zone,
	"manifest" jsonb,
	"config" text,
	"progress" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"log_tail" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "training_runs_status_check" CHECK ("training_runs"."status" in ('running', 'promoted', 'rejected', 'skipped', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "answers" DROP CONSTRAINT "answers_mode_check";--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "pins" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "pinned_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_splits" ADD CONSTRAINT "dataset_splits_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_promotions_workspace_id_index" ON "model_promotions" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "training_runs_workspace_id_index" ON "training_runs" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_mode_check" CHECK ("answers"."mode" in ('generated', 'extractive', 'approved'));--> statement-breakpoint
-- Approvals made before pins existed stand on the documents their answer cited, with the hashes the
-- served record kept (or, for answers recorded before it, the document's hash now).
UPDATE "approvals" AS a SET "pinned_at" = a."updated_at", "pins" = COALESCE((
  SELECT jsonb_agg(DISTINCT jsonb_build_object(
    'documentId', s->>'documentId',
    'title', s->>'title',
    'contentHash', COALESCE(
      (SELECT p->>'contentHash' FROM jsonb_array_elements(COALESCE(ans."served"->'passages', '[]'::jsonb)) AS p
        WHERE p->>'documentId' = s->>'documentId' AND p->>'contentHash' IS NOT NULL LIMIT 1),
      (SELECT d."content_hash" FROM "documents" AS d WHERE d."id" = s->>'documentId')
    )
  ))
  FROM "answers" AS ans, jsonb_array_elements(ans."sources") AS s
  WHERE ans."question_id" = a."question_id"
), '[]'::jsonb);

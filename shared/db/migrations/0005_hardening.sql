CREATE TABLE "question_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replies" (
	"question_id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"owner" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"handle" jsonb,
	"message_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replies_state_check" CHECK ("replies"."state" in ('open', 'finished', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "feedback" DROP CONSTRAINT "feedback_question_user_unique";--> statement-breakpoint
ALTER TABLE "source_connections" DROP CONSTRAINT "source_connections_kind_check";--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "served" jsonb;--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "approved_by_platform" text DEFAULT 'slack' NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "platform" text DEFAULT 'slack' NOT NULL;--> statement-breakpoint
ALTER TABLE "source_connections" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_question_platform_user_unique" UNIQUE("question_id","platform","user_id");--> statement-breakpoint
ALTER TABLE "source_connections" ADD CONSTRAINT "source_connections_kind_check" CHECK ("source_connections"."kind" in ('notion', 'files'));
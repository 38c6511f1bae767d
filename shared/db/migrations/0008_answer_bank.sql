CREATE TABLE "answer_bank" (
	"question_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"embedding" "bytea",
	"embed_model" text,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answer_bank" ADD CONSTRAINT "answer_bank_question_id_approvals_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."approvals"("question_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answer_bank_workspace_id_index" ON "answer_bank" USING btree ("workspace_id","indexed_at");
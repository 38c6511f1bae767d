import { eq, type SQL } from "drizzle-orm";
import type { AnyPgSelectQueryBuilder, PgSelectBase, SelectedFields } from "drizzle-orm/pg-core";
import type { Db } from "./database.ts";
import { answerBank, answers, approvals, questions } from "./schema.ts";

/** "required": only questions that have one (an inner join); "optional": its columns read null where none. */
export type Presence = "required" | "optional";

/** Which of a question's one-to-one rows to join; one left out is not joined at all. */
export interface QuestionJoins {
  approval?: Presence;
  answer?: Presence;
  /** The approval's answer bank row (there is one only for an approval). */
  bank?: Presence;
}

type JoinedTable = typeof approvals | typeof answers | typeof answerBank;

type Nullability<TPresence> = TPresence extends "required" ? "not-null" : "nullable";

type JoinNullability<TName extends string, TPresence> = TPresence extends Presence
  ? Record<TName, Nullability<TPresence>>
  : unknown;

/** As drizzle's own joins would type it: a column of an optional join may read null. */
export type QuestionsQuery<TFields extends SelectedFields, TJoins extends QuestionJoins> = PgSelectBase<
  "questions",
  TFields,
  "partial",
  Record<"questions", "not-null"> &
    JoinNullability<"approvals", TJoins["approval"]> &
    JoinNullability<"answers", TJoins["answer"]> &
    JoinNullability<"answer_bank", TJoins["bank"]>
>;

/**
 * A question joined with its approval, answer and bank row as the caller needs them: each is keyed
 * by the question's id, so no join repeats a question. The caller adds where, order and limit.
 */
export function selectQuestions<TFields extends SelectedFields, const TJoins extends QuestionJoins>(
  db: Db,
  fields: TFields,
  joins: TJoins,
): QuestionsQuery<TFields, TJoins> {
  let query: AnyPgSelectQueryBuilder = db.select(fields).from(questions);
  query = join(query, joins.approval, approvals, eq(approvals.questionId, questions.id));
  query = join(query, joins.answer, answers, eq(answers.questionId, questions.id));
  query = join(query, joins.bank, answerBank, eq(answerBank.questionId, questions.id));
  // Drizzle types a join chosen at run time as any; QuestionsQuery says what these joins do.
  return query as QuestionsQuery<TFields, TJoins>;
}

function join(
  query: AnyPgSelectQueryBuilder,
  presence: Presence | undefined,
  table: JoinedTable,
  on: SQL,
): AnyPgSelectQueryBuilder {
  if (presence === "required") return query.innerJoin(table, on);
  if (presence === "optional") return query.leftJoin(table, on);
  return query;
}

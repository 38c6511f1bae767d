import { type AnswerBank, createAnswerBank } from "#shared/answers/bank/answer-bank.ts";
import { bankThresholds } from "#shared/answers/bank/bank-thresholds.ts";
import type { Services } from "./services.ts";

/**
 * The answer bank of this process: the answer pipeline's look-up (answer role, `sabio ask`) and the
 * approval listener of every review surface (Slack, Discord, `sabio approve`). Its index lives in
 * the database, so banks of different processes see the same approvals.
 */
export async function answerBankOf(services: Services): Promise<AnswerBank> {
  const database = await services.database();
  return createAnswerBank({
    db: database.db,
    embedder: services.embedder(),
    logger: services.logger,
    thresholds: bankThresholds(services.env.ANSWER_BANK_THRESHOLD),
  });
}

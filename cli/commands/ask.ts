import { randomUUID } from "node:crypto";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import { promotedModelLookup } from "#shared/models/promoted-model-lookup.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { answerQuestion } from "#workers/answer/answer-question.ts";
import { answerRow } from "#workers/answer/answer-row.ts";
import { checkQuestion } from "#workers/answer/check-question.ts";
import { answerBankOf } from "../answer-bank-of.ts";
import { createCliPlatform } from "../cli-platform.ts";
import type { Output } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";
import { refuseEmptyWorkspace } from "./refuse-empty-workspace.ts";
import { viewerOf } from "./viewer-of.ts";

/**
 * `sabio ask <question> --workspace <id> [--as <email>]`: the answer pipeline, streamed to the
 * terminal, answered as that person would be (the operator, seeing everything, without --as). No
 * Redis needed. The question and its answer are recorded with the served record like a bot's, so
 * an operator can approve it (`--json` gives its `questionId`).
 */
export async function askCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  if (!commandLine.workspace) throw new UsageError("ask needs --workspace <id>.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const question = commandLine.positionals.join(" ");
  // A question that could not be asked anywhere is the first thing to hear about.
  checkQuestion(question);
  await refuseEmptyWorkspace(services, workspaceId);
  const viewer = await viewerOf(services, commandLine, output);
  const platform = createCliPlatform(output, { json: commandLine.json });
  const { db } = await services.database();
  const recorded = await recordQuestion(db, {
    id: randomUUID(),
    workspaceId,
    platform: platform.name,
    // Each run is its own question: nothing redelivers a terminal's line.
    eventId: randomUUID(),
    text: question,
  });
  const target = { workspaceId, questionId: recorded.id };
  // Nothing to take over and nowhere durable to record: the CLI answers in this one process.
  const stream = await platform.stream(target, { record: async () => {} });
  const answer = await answerQuestion(
    {
      store: services.store(),
      embedder: services.embedder(),
      chatModel: services.chatModel(),
      logger: services.logger,
      settings: services.answerSettings(),
      promotedModel: promotedModelLookup(async () => db, services.logger),
      answerBank: await answerBankOf(services),
    },
    {
      workspaceId,
      question,
      onToken: (text) => void stream.append(text),
      onReset: () => void stream.reset(),
      ...(viewer ? { viewer } : {}),
    },
  );
  const posted = await stream.finish(answer);
  await recordAnswer(
    db,
    await answerRow(db, {
      questionId: recorded.id,
      workspaceId,
      answer,
      messageIds: posted.ids ?? [posted.id],
    }),
  );
  return 0;
}

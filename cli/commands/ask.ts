import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { answerQuestion } from "#workers/answer/answer-question.ts";
import { checkQuestion } from "#workers/answer/check-question.ts";
import { createCliPlatform } from "../cli-platform.ts";
import type { Output } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";
import { cliPromotedModel } from "./cli-promoted-model.ts";
import { refuseEmptyWorkspace } from "./refuse-empty-workspace.ts";
import { viewerOf } from "./viewer-of.ts";

/**
 * `sabio ask <question> --workspace <id> [--as <email>]`: the answer pipeline, streamed to the
 * terminal, answered as that person would be (the operator, seeing everything, without --as). No
 * Redis needed.
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
  const target = { workspaceId };
  // Nothing to take over and nowhere durable to record: the CLI answers in this one process.
  const stream = await platform.stream(target, { record: async () => {} });
  const promotedModel = await cliPromotedModel(services);
  const answer = await answerQuestion(
    {
      store: services.store(),
      embedder: services.embedder(),
      chatModel: services.chatModel(),
      logger: services.logger,
      settings: services.answerSettings(),
      ...(promotedModel ? { promotedModel } : {}),
    },
    {
      workspaceId,
      question,
      onToken: (text) => void stream.append(text),
      onReset: () => void stream.reset(),
      ...(viewer ? { viewer } : {}),
    },
  );
  await stream.finish(answer);
  return 0;
}

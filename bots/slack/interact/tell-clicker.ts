import type { AnswerActionContext } from "./answer-action-context.ts";
import type { AnswerMessageRef } from "./read-answer-click.ts";

/**
 * A private note to the person who clicked: ephemeral under the answer in its thread, or, for a
 * click on the App Home, at the top of their Home (ephemeral messages need a channel).
 */
export async function tellClicker(
  context: AnswerActionContext,
  who: { teamId: string; userId: string; message?: AnswerMessageRef },
  text: string,
): Promise<void> {
  if (!who.message) {
    await context.publishHome({
      client: context.client,
      teamId: who.teamId,
      userId: who.userId,
      notice: text,
    });
    return;
  }
  await context.client.chat.postEphemeral({
    channel: who.message.channelId,
    user: who.userId,
    text,
    ...(who.message.threadTs === undefined ? {} : { thread_ts: who.message.threadTs }),
  });
}

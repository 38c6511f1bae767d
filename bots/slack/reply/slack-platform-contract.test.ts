import { platformContract } from "#test/contracts/platform-contract.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standInClient } from "#test/stand-ins/slack/stand-in-client.ts";
import { startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createSlackPlatform } from "./create-slack-platform.ts";
import { replyClientOptions } from "./reply-client-options.ts";

platformContract("Slack", async () => {
  const slack = await startSlackStandIn({ teamId: "T0TEAM", users: { U0ASKER: { name: "pat" } } });
  const question = slack.seedMessage("C1", { user: "U0ASKER", text: "<@U0SABIOBOT> vacation days?" });
  const target = {
    workspaceId: "T0TEAM",
    channelId: "C1",
    threadId: question.ts,
    messageId: question.ts,
    userId: "U0ASKER",
    teamId: "T0TEAM",
    questionId: "q-1",
  };
  const client = standInClient(slack, replyClientOptions(slack.apiUrl));
  return {
    target,
    editsInPlace: true,
    platform: () =>
      createSlackPlatform({
        clientFor: async () => standInClient(slack, replyClientOptions(slack.apiUrl)),
        logger: silentLogger(),
        updateIntervalMs: 50,
        streaming: "auto",
      }),
    async visible() {
      return slack
        .thread("C1", question.ts)
        .filter((message) => message.user === slack.botUserId)
        .map((message) => ({ id: message.ts, text: message.text }));
    },
    failDraftUpdates: () => slack.failNext("chat.appendStream", { error: "internal_error" }, 1_000),
    async seedHistory(turns) {
      for (const turn of turns) {
        if (turn.role === "user")
          slack.seedMessage("C1", { user: "U0ASKER", text: turn.text, thread_ts: question.ts });
        else await client.chat.postMessage({ channel: "C1", thread_ts: question.ts, text: turn.text });
      }
      target.messageId = slack.seedMessage("C1", {
        user: "U0ASKER",
        text: "and for contractors?",
        thread_ts: question.ts,
      }).ts;
    },
    close: () => slack.close(),
  };
});

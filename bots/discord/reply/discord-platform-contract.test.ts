import { REST, Routes } from "discord.js";
import { platformContract } from "#test/contracts/platform-contract.ts";
import { memoryInteractionTokens } from "#test/helpers/memory-interaction-tokens.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standardIds, startDiscordStandIn } from "#test/stand-ins/discord/discord-server.ts";
import { createDiscordPlatform } from "./create-discord-platform.ts";

platformContract("Discord", async () => {
  const discord = await startDiscordStandIn();
  const rest = () => new REST({ api: discord.apiUrl }).setToken(discord.token);
  const ask = (channelId: string, content: string) => {
    const message = discord.userMessage({ channelId, authorId: standardIds.member, content });
    discord.dispatch("MESSAGE_CREATE", message);
    return message.id as string;
  };
  const questionId = ask(standardIds.general, `<@${standardIds.bot}> vacation days?`);
  await rest().post(Routes.threads(standardIds.general, questionId), { body: { name: "vacation days?" } });
  const threadId = questionId;
  const target = {
    workspaceId: "acme",
    channelId: threadId,
    threadId,
    messageId: questionId,
    userId: standardIds.member,
    teamId: standardIds.guild,
    questionId: "q-1",
  };
  return {
    target,
    editsInPlace: true,
    platform: () =>
      createDiscordPlatform({
        rest: rest(),
        interactionTokens: memoryInteractionTokens(),
        logger: silentLogger(),
        updateIntervalMs: 50,
      }),
    async visible() {
      return discord
        .messages(threadId)
        .filter((message) => message.author.id === discord.botUserId)
        .map((message) => ({ id: message.id, text: message.content }));
    },
    // A permanent refusal (discord.js does not retry it); the draft then stops updating.
    failDraftUpdates: () =>
      discord.failNext("editMessage", { status: 403, code: 50013, message: "Missing Permissions" }, 1),
    async seedHistory(turns) {
      for (const turn of turns) {
        if (turn.role === "user") ask(threadId, turn.text);
        else await rest().post(Routes.channelMessages(threadId), { body: { content: turn.text } });
      }
      target.messageId = ask(threadId, "and for contractors?");
    },
    close: () => discord.close(),
  };
});

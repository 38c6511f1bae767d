import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  Routes,
  type TextChannel,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DiscordStandIn, standardIds, startDiscordStandIn } from "./discord-server.ts";
import { loginStandInClient } from "./stand-in-client.ts";

describe("Discord interactions on the stand-in, through the real discord.js Client", () => {
  let discord: DiscordStandIn;
  let client: Client;
  let clock: number;

  beforeEach(async () => {
    clock = Date.now();
    discord = await startDiscordStandIn({ now: () => clock });
    client = await loginStandInClient(discord);
  });
  afterEach(async () => {
    await client.destroy();
    await discord.close();
  });

  /** Dispatches an INTERACTION_CREATE and resolves with the interaction discord.js made of it. */
  const receive = <T extends Interaction>(payload: { id: string }): Promise<T> =>
    new Promise((resolve) => {
      const listener = (interaction: Interaction) => {
        if (interaction.id !== payload.id) return;
        client.off("interactionCreate", listener);
        resolve(interaction as T);
      };
      client.on("interactionCreate", listener);
      discord.dispatch("INTERACTION_CREATE", payload);
    });
  const ask = (question: string) =>
    discord.slashCommand({
      channelId: standardIds.general,
      userId: standardIds.member,
      command: "ask",
      options: { question },
    });

  it("answers /ask with deferReply, then editReply on the webhook's @original", async () => {
    const interaction = await receive<ChatInputCommandInteraction>(ask("How many vacation days?"));
    expect(interaction.isChatInputCommand()).toBe(true);
    expect(interaction.options.getString("question")).toBe("How many vacation days?");
    expect(interaction.memberPermissions?.has("ManageGuild")).toBe(false);

    await interaction.deferReply();
    const loading = discord.messages(standardIds.general)[0];
    expect(loading?.flags).toBe(MessageFlags.Loading);
    const reply = await interaction.editReply({ content: "25 days [1]", allowedMentions: { parse: [] } });

    expect(discord.callsTo("interactionCallback")[0]).toMatchObject({
      params: { interaction_id: interaction.id },
      body: { type: 5, data: { flags: 0 } },
      status: 204,
    });
    expect(discord.callsTo("editWebhookMessage")[0]).toMatchObject({
      params: { application_id: discord.applicationId, message_id: "@original" },
      body: { content: "25 days [1]", allowed_mentions: { parse: [] } },
    });
    expect(reply.content).toBe("25 days [1]");
    const [stored] = discord.messages(standardIds.general);
    expect(stored).toMatchObject({
      id: reply.id,
      type: 20,
      content: "25 days [1]",
      flags: 0,
      webhook_id: discord.applicationId,
    });
    expect(stored?.interaction_metadata?.user.id).toBe(standardIds.member);

    const followUp = await interaction.followUp({ content: "Sources: …", flags: MessageFlags.Ephemeral });
    expect(discord.callsTo("createFollowup")[0]?.body).toMatchObject({ content: "Sources: …", flags: 64 });
    expect(followUp.flags.has("Ephemeral")).toBe(true);
  });

  it("refuses a second callback with 40060 and a late first one with 10062", async () => {
    const answered = await receive<ChatInputCommandInteraction>(ask("first"));
    await answered.deferReply();
    await expect(
      client.rest.post(Routes.interactionCallback(answered.id, answered.token), {
        body: { type: 4, data: { content: "again" } },
        auth: false,
      }),
    ).rejects.toMatchObject({ status: 400, code: 40060 });

    const late = await receive<ChatInputCommandInteraction>(ask("late"));
    clock += 3_001;
    await expect(late.deferReply()).rejects.toMatchObject({ status: 404, code: 10062 });

    clock = Date.now();
    const expired = await receive<ChatInputCommandInteraction>(ask("expired"));
    discord.expireInteraction(expired.id);
    await expect(expired.reply("too late")).rejects.toMatchObject({ code: 10062 });
    expect(discord.callsTo("interactionCallback").map((call) => call.status)).toEqual([204, 400, 404, 404]);
  });

  it("opens a modal as a button's first response, reads the submitted text and updates the message", async () => {
    const general = client.channels.cache.get(standardIds.general) as TextChannel;
    const answer = await general.send({
      content: "25 days [1]",
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder()
            .setCustomId("correct:42")
            .setLabel("Correct & approve")
            .setStyle(ButtonStyle.Secondary),
          new ButtonBuilder().setCustomId("approve:42").setLabel("Approve").setStyle(ButtonStyle.Success),
        ),
      ],
    });

    const click = await receive<Interaction>(
      discord.buttonClick({
        channelId: standardIds.general,
        userId: standardIds.moderator,
        messageId: answer.id,
        customId: "correct:42",
      }),
    );
    if (!click.isButton()) throw new Error("expected a button interaction");
    expect(click.memberPermissions?.has("ManageGuild")).toBe(true);
    expect(click.message.id).toBe(answer.id);
    await click.showModal(
      new ModalBuilder()
        .setCustomId("correction:42")
        .setTitle("Correct the answer")
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder().setCustomId("text").setLabel("Answer").setStyle(TextInputStyle.Paragraph),
          ),
        ),
    );
    expect(discord.callsTo("interactionCallback")[0]?.body).toMatchObject({
      type: 9,
      data: { custom_id: "correction:42" },
    });

    const submit = await receive<Interaction>(
      discord.modalSubmit({
        channelId: standardIds.general,
        userId: standardIds.moderator,
        customId: "correction:42",
        messageId: answer.id,
        fields: { text: "26 days" },
      }),
    );
    if (!submit.isModalSubmit()) throw new Error("expected a modal submit");
    expect(submit.fields.getTextInputValue("text")).toBe("26 days");
    await submit.reply({ content: "Saved.", flags: MessageFlags.Ephemeral });

    const approve = await receive<Interaction>(
      discord.buttonClick({
        channelId: standardIds.general,
        userId: standardIds.moderator,
        messageId: answer.id,
        customId: "approve:42",
      }),
    );
    if (!approve.isButton()) throw new Error("expected a button interaction");
    await approve.update({ content: "25 days [1]\n✅ Approved by mo", components: [] });
    expect(
      discord.callsTo("interactionCallback").map((call) => (call.body as { type: number }).type),
    ).toEqual([9, 4, 7]);
    const stored = discord.messages(standardIds.general).find((message) => message.id === answer.id);
    expect(stored).toMatchObject({ content: "25 days [1]\n✅ Approved by mo", components: [] });
    const ephemeral = discord.messages(standardIds.general).find((message) => message.content === "Saved.");
    expect(ephemeral?.flags).toBe(MessageFlags.Ephemeral);
  });
});

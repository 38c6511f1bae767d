import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trialEndingText } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import { saveOAuthConnection } from "#shared/db/source-connection-repository.ts";
import { alertPeople as people, useSlackAlertWorkspace } from "#test/helpers/slack-alert-workspace.ts";
import { acmeNotionConnection } from "#test/helpers/source-connection-row.ts";
import { trialingWorkspace } from "#test/helpers/trialing-workspace.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import {
  type DiscordStandIn,
  standardIds,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";
import type { SignedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";
import { stripeWebhookPath } from "./stripe-webhook-route.ts";
import { useWebRole } from "./web-role-test-kit.ts";

const secret = "whsec_test_web_trial_ending";
const workspaceId = acmeNotionConnection.workspaceId;
const trialEnd = Date.UTC(2030, 5, 17, 12) / 1000;
const text =
  "Sabio's trial for this workspace ends on 2030-06-17: an admin can subscribe with /sabio billing.";

describe("the web role on customer.subscription.trial_will_end (Slack and Discord stand-ins, Redis, PGlite)", () => {
  const workspace = useSlackAlertWorkspace();
  let discord: DiscordStandIn;
  beforeAll(async () => {
    discord = await startDiscordStandIn();
  });
  afterAll(async () => {
    await discord?.close();
  });
  const web = useWebRole(() => ({
    STRIPE_WEBHOOK_SECRET: secret,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: "slack-signing-secret",
    SLACK_API_URL: workspace.slack.apiUrl,
    SABIO_WORKSPACE: workspaceId,
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
  }));
  /** Acme in a new subscription's trial, its sources connected from Discord; its signed trial_will_end. */
  const trialWillEndFor = async () => {
    // The Discord user who connected acme's sources is who hears about its billing there.
    await saveOAuthConnection(web.db, {
      ...acmeNotionConnection,
      connectedBy: `discord:${standardIds.moderator}`,
      credentials: "sealed",
    });
    return (await trialingWorkspace(web.db, workspaceId, { secret, trialEnd })).trialWillEnd;
  };

  const deliver = async (signed: SignedStripeEvent) => {
    const response = await fetch(`${web.base}${stripeWebhookPath}`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signed.signature },
      body: signed.payload,
    });
    return { status: response.status, body: await response.json() };
  };
  const discordDms = (userId: string) =>
    discord.messages(discord.dmChannel(userId).id).map((message) => message.content);
  const slackDms = (userId: string) => workspace.botMessagesTo(userId).map((message) => message.text);

  it("DMs the Slack admins and the Discord connector once each, even when Stripe delivers twice", async () => {
    const trialWillEnd = await trialWillEndFor();
    expect(await deliver(trialWillEnd)).toEqual({
      status: 200,
      body: { received: true, outcome: "applied" },
    });
    // The second delivery is a duplicate: it notifies nobody, so no later DM can follow.
    expect(await deliver(trialWillEnd)).toEqual({
      status: 200,
      body: { received: true, outcome: "duplicate" },
    });

    expect(trialEndingText(new Date(trialEnd * 1000))).toBe(text);
    await waitFor(async () =>
      [slackDms(people.admin), slackDms(people.owner), discordDms(standardIds.moderator)].every(
        (dms) => dms.length > 0,
      )
        ? true
        : undefined,
    );
    expect(slackDms(people.admin)).toEqual([text]);
    expect(slackDms(people.owner)).toEqual([text]);
    expect(slackDms(people.member)).toEqual([]);
    expect(discordDms(standardIds.moderator)).toEqual([text]);
    expect(discordDms(standardIds.owner)).toEqual([]);
    expect(JSON.stringify(web.lines)).not.toContain(secret);
  });

  it("still DMs on Discord when Slack cannot list its admins", async () => {
    const before = {
      slack: slackDms(people.admin).length,
      discord: discordDms(standardIds.moderator).length,
    };
    const trialWillEnd = await trialWillEndFor();
    workspace.slack.failNext("users.list", { error: "missing_scope" });
    expect((await deliver(trialWillEnd)).status).toBe(200);

    await waitFor(async () => (discordDms(standardIds.moderator).length > before.discord ? true : undefined));
    await waitFor(async () =>
      web.lines.find((line) => line.msg === "could not tell Slack admins that the trial ends soon"),
    );
    expect(discordDms(standardIds.moderator).slice(before.discord)).toEqual([text]);
    expect(slackDms(people.admin)).toHaveLength(before.slack);
  });
});

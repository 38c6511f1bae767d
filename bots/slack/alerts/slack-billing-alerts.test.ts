import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createSlackBillingAlerts } from "./slack-billing-alerts.ts";

const people = { admin: "U0ADMIN", owner: "U0OWNER", member: "U0MEMBER" };

describe("Slack past-due warnings (Slack stand-in)", () => {
  let slack: SlackStandIn;
  let client: WebClient;
  beforeAll(async () => {
    slack = await startSlackStandIn({
      teamId: "T0ACME",
      users: {
        [people.admin]: { name: "ana", isAdmin: true },
        [people.owner]: { name: "olga", isOwner: true },
        [people.member]: { name: "max" },
      },
    });
    client = new WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.close());

  it("DMs the admins and owners, not the members, and a failed DM does not stop the others", async () => {
    const alerts = createSlackBillingAlerts({ clientFor: async () => client, logger: silentLogger() });
    slack.failNext("chat.postMessage", { error: "user_not_found" });
    await alerts.paymentFailed("acme");
    const dmsTo = (userId: string) => slack.messages(userId).filter((message) => message.bot_id);
    const delivered = [people.admin, people.owner].flatMap((userId) => dmsTo(userId));
    expect(delivered.map((message) => message.text)).toEqual([paymentFailedText]);
    expect(paymentFailedText).toContain("/sabio billing");
    expect(dmsTo(people.member)).toEqual([]);
  });

  it("never throws when the workspace has no Slack installation or Slack is down", async () => {
    await createSlackBillingAlerts({
      clientFor: async () => undefined,
      logger: silentLogger(),
    }).paymentFailed("x");
    await createSlackBillingAlerts({
      clientFor: async () => {
        throw new Error("down");
      },
      logger: silentLogger(),
    }).paymentFailed("x");
  });
});

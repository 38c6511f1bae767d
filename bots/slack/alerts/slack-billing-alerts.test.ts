import { describe, expect, it } from "vitest";
import { paymentFailedText } from "#shared/billing/billing-alerts.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { alertPeople as people, useSlackAlertWorkspace } from "#test/helpers/slack-alert-workspace.ts";
import { createSlackBillingAlerts } from "./slack-billing-alerts.ts";

describe("Slack past-due warnings (Slack stand-in)", () => {
  const workspace = useSlackAlertWorkspace();

  it("DMs the admins and owners, not the members, and a failed DM does not stop the others", async () => {
    const alerts = createSlackBillingAlerts({
      clientFor: async () => workspace.client,
      logger: silentLogger(),
    });
    workspace.slack.failNext("chat.postMessage", { error: "user_not_found" });
    await alerts.paymentFailed("acme");
    const dmsTo = workspace.botMessagesTo;
    const delivered = [people.admin, people.owner].flatMap((userId) => dmsTo(userId));
    expect(delivered.map((message) => message.text)).toEqual([paymentFailedText]);
    expect(paymentFailedText).toContain("/sabio billing");
    expect(dmsTo(people.member)).toEqual([]);
    expect(dmsTo(people.connector)).toEqual([]);
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

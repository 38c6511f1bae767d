import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createApprovers } from "./approvers.ts";

const slackUser = (userId: string) => ({ platform: "slack", userId });

describe("approvers", () => {
  let slack: SlackStandIn;
  let client: WebClient;

  beforeAll(async () => {
    slack = await startSlackStandIn({
      teamId: "T0ACME",
      users: {
        U0ADMIN: { name: "ana", isAdmin: true },
        U0OWNER: { name: "olga", isOwner: true },
        U0MEMBER: { name: "max" },
        U0BOT: { name: "robot", isBot: true, isAdmin: true },
      },
    });
    client = new WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await slack?.close();
  });

  const usersInfoFor = (user: string) =>
    slack.callsTo("users.info").filter((call) => call.args.user === user);

  it("admits admins, owners and the configured list; not members or bots", async () => {
    const approvers = createApprovers({ extraApproverIds: ["U0LISTED"] });
    expect(await approvers.isApprover(slackUser("U0ADMIN"), { client, teamId: "T0ACME" })).toBe(true);
    expect(await approvers.isApprover(slackUser("U0OWNER"), { client, teamId: "T0ACME" })).toBe(true);
    expect(await approvers.isApprover(slackUser("U0LISTED"), { client, teamId: "T0ACME" })).toBe(true);
    expect(await approvers.isApprover(slackUser("U0MEMBER"), { client, teamId: "T0ACME" })).toBe(false);
    expect(await approvers.isApprover(slackUser("U0BOT"), { client, teamId: "T0ACME" })).toBe(false);
    // A listed id on another platform is someone else.
    expect(
      await approvers.isApprover({ platform: "discord", userId: "U0LISTED" }, { client, teamId: "T0ACME" }),
    ).toBe(false);
    // The configured list needs no lookup.
    expect(usersInfoFor("U0LISTED")).toEqual([]);
  });

  it("asks users.info once per person while the answer is fresh, and again after it expires", async () => {
    let now = 1_000_000;
    const approvers = createApprovers({ extraApproverIds: [], cacheMs: 60_000, now: () => now });
    const before = usersInfoFor("U0MEMBER").length;

    await approvers.isApprover(slackUser("U0MEMBER"), { client, teamId: "T0ACME" });
    now += 59_000;
    await approvers.isApprover(slackUser("U0MEMBER"), { client, teamId: "T0ACME" });
    expect(usersInfoFor("U0MEMBER").length - before).toBe(1);

    now += 2_000;
    await approvers.isApprover(slackUser("U0MEMBER"), { client, teamId: "T0ACME" });
    expect(usersInfoFor("U0MEMBER").length - before).toBe(2);
  });

  it("fails (and caches nothing) when Slack cannot say who the user is", async () => {
    const approvers = createApprovers({ extraApproverIds: [] });
    slack.failNext("users.info", { error: "fatal_error" });
    await expect(approvers.isApprover(slackUser("U0ADMIN"), { client, teamId: "T0ACME" })).rejects.toThrow(
      /fatal_error/,
    );
    expect(await approvers.isApprover(slackUser("U0ADMIN"), { client, teamId: "T0ACME" })).toBe(true);
  });
});

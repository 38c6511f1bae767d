import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";

/** Who is in the alerts' Slack workspace: only the admin and the owner are admins. */
export const alertPeople = {
  admin: "U0ADMIN",
  owner: "U0OWNER",
  member: "U0MEMBER",
  connector: "U0CONNECTOR",
} as const;

export interface SlackAlertWorkspace {
  readonly slack: SlackStandIn;
  /** A bot-token client on the stand-in that does not retry. */
  readonly client: WebClient;
  /** What the bot DMed this person. */
  botMessagesTo(userId: string): ReturnType<SlackStandIn["messages"]>;
}

/**
 * What the Slack alert tests share: before the enclosing suite, a Slack stand-in for team T0ACME
 * holding `alertPeople` and a client on it; after it, the stand-in closed.
 */
export function useSlackAlertWorkspace(): SlackAlertWorkspace {
  let slack: SlackStandIn | undefined;
  let client: WebClient | undefined;
  beforeAll(async () => {
    slack = await startSlackStandIn({
      teamId: "T0ACME",
      users: {
        [alertPeople.admin]: { name: "ana", isAdmin: true },
        [alertPeople.owner]: { name: "olga", isOwner: true },
        [alertPeople.member]: { name: "max" },
        [alertPeople.connector]: { name: "cora" },
      },
    });
    client = new WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await slack?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the Slack alert workspace starts in beforeAll");
    return value;
  };
  return {
    get slack() {
      return started(slack);
    },
    get client() {
      return started(client);
    },
    botMessagesTo: (userId) =>
      started(slack)
        .messages(userId)
        .filter((message) => message.bot_id),
  };
}

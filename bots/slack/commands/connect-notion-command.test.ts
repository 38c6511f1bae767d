import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notionConnectLinks } from "#connectors/notion/oauth/notion-connect-link.ts";
import {
  notionOAuthStateKey,
  safeParseNotionOAuthState,
} from "#connectors/notion/oauth/notion-oauth-state.ts";
import type { Db } from "#shared/db/database.ts";
import { testDatabaseBackends, useTestDatabase } from "#shared/db/test-database-backends.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { signSlackRequest } from "#test/helpers/slack-signing.ts";
import { startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createApprovers } from "../interact/approvers.ts";
import { slashCommand } from "../interact/slack-interaction-payloads.ts";
import { createSlackApp, type SlackApp, slackEventsPath } from "../receive/create-slack-app.ts";
import type { NotionConnectLinkMaker } from "./connect-notion-reply.ts";
import { connectNotionText } from "./connect-notion-text.ts";
import { registerSabioCommand } from "./register-sabio-command.ts";

const signingSecret = "test-signing-secret";
const teamId = "T0ACME";
const workspaceId = "acme";
const people = { admin: "U0ADMIN", owner: "U0OWNER", member: "U0MEMBER", listed: "U0LISTED" } as const;
const encryptionKey = randomBytes(32).toString("base64");
const makeLink = notionConnectLinks({
  NOTION_API_URL: "https://api.notion.com",
  NOTION_CLIENT_ID: "client-123",
  NOTION_CLIENT_SECRET: "secret-456",
  ENCRYPTION_KEY: encryptionKey,
  PUBLIC_URL: "https://sabio.example.com",
  WEB_PORT: 3001,
});

interface Answer {
  response_type: string;
  text: string;
}

/** A Bolt app as the slack role builds it, `/sabio` wired with Notion OAuth, over signed HTTP. */
async function startHarness(database: Db, linkFor: NotionConnectLinkMaker | undefined) {
  const slack = await startSlackStandIn({
    teamId,
    users: {
      [people.admin]: { name: "ana", isAdmin: true },
      [people.owner]: { name: "olga", isOwner: true },
      [people.member]: { name: "max" },
      [people.listed]: { name: "lee" },
    },
  });
  const answers: Answer[] = [];
  const waiters: (() => void)[] = [];
  const responseUrl = createServer((request, response) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      raw += chunk;
    });
    request.on("end", () => {
      answers.push(JSON.parse(raw) as Answer);
      for (const wake of waiters.splice(0)) wake();
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => responseUrl.listen(0, "127.0.0.1", resolve));
  const responsePort = (responseUrl.address() as AddressInfo).port;

  const slackApp: SlackApp = createSlackApp({
    botToken: "xoxb-test-token",
    signingSecret,
    slackApiUrl: slack.apiUrl,
    port: 0,
    logger: silentLogger(),
  });
  registerSabioCommand(slackApp.app, {
    database,
    workspaceFor: (team) => (team === teamId ? workspaceId : undefined),
    queueDepth: async () => 0,
    logger: silentLogger(),
    connectNotion: { approvers: createApprovers({ extraApproverIds: [people.listed] }), linkFor },
  });
  const { port } = await slackApp.start();

  return {
    slack,
    /** Sends `/sabio <text>` as `userId` from `team` and returns the ack and the later answer. */
    async command(text: string, userId: string, team = teamId): Promise<{ ack: string; answer: Answer }> {
      const before = answers.length;
      const body = new URLSearchParams(
        slashCommand({
          text,
          userId,
          teamId: team,
          responseUrl: `http://127.0.0.1:${responsePort}/commands/${team}/1/response`,
        }),
      ).toString();
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}${slackEventsPath}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...signSlackRequest(body, signingSecret),
        },
        body,
      });
      const ack = await response.text();
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(3_000);
      while (answers.length === before) await new Promise<void>((resolve) => waiters.push(resolve));
      const answer = answers[before];
      if (!answer) throw new Error("no answer");
      return { ack, answer };
    },
    async close() {
      await slackApp.stop();
      await new Promise<void>((resolve) => {
        responseUrl.close(() => resolve());
        (responseUrl as Server).closeAllConnections();
      });
      await slack.close();
    },
  };
}

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no PostgreSQL test backend");

describe("/sabio connect notion", () => {
  const db = useTestDatabase(postgres);
  let harness: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    harness = await startHarness(db(), makeLink);
  });
  afterAll(async () => {
    await harness?.close();
  });

  function linkIn(text: string): URL {
    const match = text.match(/<([^|>]+)\|open Notion's consent page>/);
    if (!match?.[1]) throw new Error(`no link in ${text}`);
    return new URL(match[1].replaceAll("&amp;", "&"));
  }

  it("gives an admin a private link bound to them and to the team's Sabio workspace", async () => {
    for (const userId of [people.admin, people.owner, people.listed]) {
      const { ack, answer } = await harness.command("connect notion", userId);

      expect(ack).toBe("");
      expect(answer.response_type).toBe("ephemeral");
      expect(answer.text).toContain("Sabio workspace `acme`");
      expect(answer.text).toContain("expires in 10 minutes");
      const url = linkIn(answer.text);
      expect(`${url.origin}${url.pathname}`).toBe("https://api.notion.com/v1/oauth/authorize");
      expect(url.searchParams.get("redirect_uri")).toBe("https://sabio.example.com/oauth/notion/callback");
      const state = safeParseNotionOAuthState(
        notionOAuthStateKey(encryptionKey),
        url.searchParams.get("state") ?? "",
        new Date(),
      );
      expect(state).toMatchObject({
        ok: true,
        state: { workspaceId: "acme", connectedBy: `slack:${userId}` },
      });
    }
  });

  it("politely refuses everyone else, with no link", async () => {
    const { answer } = await harness.command("Connect  Notion", people.member);

    expect(answer).toEqual({ response_type: "ephemeral", text: connectNotionText.notAdmin });
    expect(answer.text).not.toContain("oauth");
  });

  it("says when the Slack team feeds no Sabio workspace", async () => {
    const { answer } = await harness.command("connect notion", people.admin, "T0STRANGER");

    expect(answer).toEqual({ response_type: "ephemeral", text: connectNotionText.noWorkspace });
  });
});

describe("/sabio connect notion without a public Notion integration", () => {
  const db = useTestDatabase(postgres);
  let harness: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    harness = await startHarness(db(), undefined);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("tells an admin plainly that it is not set up, and what would set it up", async () => {
    const { answer } = await harness.command("connect notion", people.admin);

    expect(answer).toEqual({ response_type: "ephemeral", text: connectNotionText.notConfigured });
    expect(answer.text).toContain("NOTION_CLIENT_ID");
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { notionConnectLinks } from "#connectors/notion/oauth/notion-connect-link.ts";
import { oauthStateKey, safeParseOAuthState } from "#connectors/oauth/oauth-state.ts";
import { linkIn, sendCommand, useConnectCommandHarness } from "#test/slack/connect-command-test-kit.ts";
import { people } from "#test/slack/interaction-test-kit.ts";
import { connectNotionText } from "./connect-notion-text.ts";

const encryptionKey = randomBytes(32).toString("base64");
const makeLink = notionConnectLinks({
  NOTION_API_URL: "https://api.notion.com",
  NOTION_CLIENT_ID: "client-123",
  NOTION_CLIENT_SECRET: "secret-456",
  ENCRYPTION_KEY: encryptionKey,
  PUBLIC_URL: "https://sabio.example.com",
  WEB_PORT: 3001,
});

describe("/sabio connect notion", () => {
  const harness = useConnectCommandHarness({ connectNotion: { linkFor: makeLink } });

  it("gives an admin a private link bound to them and to the team's Sabio workspace", async () => {
    for (const userId of [people.admin, people.owner, people.listed]) {
      const { ack, answer } = await sendCommand(harness(), "connect notion", userId);

      expect(ack).toBe("");
      expect(answer.response_type).toBe("ephemeral");
      expect(answer.text).toContain("Sabio workspace `acme`");
      expect(answer.text).toContain("expires in 10 minutes");
      const url = linkIn(answer.text, "open Notion's consent page");
      expect(`${url.origin}${url.pathname}`).toBe("https://api.notion.com/v1/oauth/authorize");
      expect(url.searchParams.get("redirect_uri")).toBe("https://sabio.example.com/oauth/notion/callback");
      const state = safeParseOAuthState(
        oauthStateKey(encryptionKey, "notion"),
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
    const { answer } = await sendCommand(harness(), "Connect  Notion", people.member);

    expect(answer).toEqual({ response_type: "ephemeral", text: connectNotionText.notAdmin });
    expect(answer.text).not.toContain("oauth");
  });

  it("says when the Slack team feeds no Sabio workspace", async () => {
    const { answer } = await sendCommand(harness(), "connect notion", people.admin, "T0STRANGER");

    expect(answer).toEqual({ response_type: "ephemeral", text: connectNotionText.noWorkspace });
  });
});

describe("/sabio connect notion without a public Notion integration", () => {
  const harness = useConnectCommandHarness({ connectNotion: { linkFor: undefined } });

  it("tells an admin plainly that it is not set up, and what would set it up", async () => {
    const { answer } = await sendCommand(harness(), "connect notion", people.admin);

    expect(answer).toEqual({ response_type: "ephemeral", text: connectNotionText.notConfigured });
    expect(answer.text).toContain("NOTION_CLIENT_ID");
  });
});

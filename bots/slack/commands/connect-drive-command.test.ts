import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { driveConnectLinks } from "#connectors/drive/oauth/drive-connect-link.ts";
import { oauthStateKey, safeParseOAuthState } from "#connectors/oauth/oauth-state.ts";
import { linkIn, sendCommand, useConnectCommandHarness } from "#test/slack/connect-command-test-kit.ts";
import { people } from "#test/slack/interaction-test-kit.ts";
import { connectDriveText } from "./connect-drive-text.ts";

const encryptionKey = randomBytes(32).toString("base64");
const makeLink = driveConnectLinks({
  GOOGLE_CLIENT_ID: "sabio.apps.googleusercontent.com",
  GOOGLE_CLIENT_SECRET: "GOCSPX-secret",
  GOOGLE_OAUTH_URL: "https://accounts.google.com/o/oauth2/v2/auth",
  GOOGLE_TOKEN_URL: "https://oauth2.googleapis.com/token",
  GOOGLE_API_URL: "https://www.googleapis.com/",
  ENCRYPTION_KEY: encryptionKey,
  PUBLIC_URL: "https://sabio.example.com",
  WEB_PORT: 3001,
});

describe("/sabio connect drive", () => {
  const harness = useConnectCommandHarness({ connectDrive: { linkFor: makeLink } });

  it("gives an admin a private link to Google's consent, bound to them and to the team's workspace", async () => {
    for (const userId of [people.admin, people.owner, people.listed]) {
      const { ack, answer } = await sendCommand(harness(), "connect drive", userId);

      expect(ack).toBe("");
      expect(answer.response_type).toBe("ephemeral");
      expect(answer.text).toContain("*Connect Google Drive* to Sabio workspace `acme`");
      expect(answer.text).toContain("expires in 10 minutes");
      const url = linkIn(answer.text, "open Google's consent page");
      expect(`${url.origin}${url.pathname}`).toBe("https://accounts.google.com/o/oauth2/v2/auth");
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        redirect_uri: "https://sabio.example.com/oauth/google/callback",
        scope: "https://www.googleapis.com/auth/drive.readonly",
        access_type: "offline",
        prompt: "consent",
      });
      const state = safeParseOAuthState(
        oauthStateKey(encryptionKey, "google"),
        url.searchParams.get("state") ?? "",
        new Date(),
      );
      expect(state).toMatchObject({
        ok: true,
        state: { workspaceId: "acme", connectedBy: `slack:${userId}` },
      });
      expect(answer.text).not.toContain("GOCSPX-secret");
    }
  });

  it("politely refuses everyone else, with no link", async () => {
    const { answer } = await sendCommand(harness(), "Connect  Google Drive", people.member);

    expect(answer).toEqual({ response_type: "ephemeral", text: connectDriveText.notAdmin });
    expect(answer.text).not.toContain("oauth");
  });

  it("says when the Slack team feeds no Sabio workspace", async () => {
    const { answer } = await sendCommand(harness(), "connect drive", people.admin, "T0STRANGER");

    expect(answer).toEqual({ response_type: "ephemeral", text: connectDriveText.noWorkspace });
  });
});

describe("/sabio connect drive without a Google OAuth client", () => {
  const harness = useConnectCommandHarness({ connectDrive: { linkFor: undefined } });

  it("tells an admin plainly that it is not set up, and what would set it up", async () => {
    const { answer } = await sendCommand(harness(), "connect drive", people.admin);

    expect(answer).toEqual({ response_type: "ephemeral", text: connectDriveText.notConfigured });
    expect(answer.text).toContain("GOOGLE_CLIENT_ID");
    expect(answer.text).toContain("GOOGLE_SERVICE_ACCOUNT_FILE");
  });
});

import { randomBytes, randomUUID } from "node:crypto";
import type { Installation } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { createSlackOAuth } from "./slack-oauth.ts";

/** A Slack id no other test uses, e.g. T3F9A0C21. */
function newId(prefix: "T" | "E"): string {
  return `${prefix}${randomUUID().replaceAll("-", "").slice(0, 8).toUpperCase()}`;
}

function installation(fields: Partial<Installation> & { token: string }): Installation {
  const { token, ...rest } = fields;
  return {
    team: undefined,
    enterprise: undefined,
    user: { id: "U0ADMIN", token: undefined, scopes: undefined },
    bot: { token, scopes: ["chat:write"], id: "B0SABIO", userId: "U0SABIO" },
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
    ...rest,
  };
}

describe.each(testDatabaseBackends)("Slack installations across teams on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const encryptionKey = randomBytes(32).toString("hex");
  const oauthWith = (key = encryptionKey) =>
    createSlackOAuth({
      clientId: "1111.2222",
      clientSecret: "client-secret",
      stateSecret: "state-secret",
      encryptionKey: key,
      // No call reaches Slack here: these tokens never expire.
      slackApiUrl: "http://127.0.0.1:9/api/",
      db: db(),
      logger: silentLogger(),
    });

  it("serves every team of an org-wide install from the org's one workspace", async () => {
    const oauth = oauthWith();
    const store = oauth.receiverOptions.installationStore;
    const enterpriseId = newId("E");
    const workspaceId = enterpriseId.toLowerCase();
    await store.storeInstallation(
      installation({ token: "xoxb-org", enterprise: { id: enterpriseId }, isEnterpriseInstall: true }),
    );
    const teamInOrg = newId("T");
    // Bolt's query for an event from one of the org's workspaces.
    await store.fetchInstallation({ teamId: teamInOrg, enterpriseId, isEnterpriseInstall: true });
    expect(oauth.workspaceFor(teamInOrg)).toBe(workspaceId);
    expect((await oauth.clientFor({ teamId: teamInOrg, workspaceId })).token).toBe("xoxb-org");

    await store.deleteInstallation({ teamId: teamInOrg, enterpriseId, isEnterpriseInstall: true });
    expect(oauth.workspaceFor(teamInOrg)).toBeUndefined();
  });

  it("never lends one team's token to another team, even one naming its workspace", async () => {
    const oauth = oauthWith();
    const [teamA, teamB] = [newId("T"), newId("T")];
    await oauth.receiverOptions.installationStore.storeInstallation(
      installation({ token: "xoxb-team-a", team: { id: teamA } }),
    );
    expect((await oauth.clientFor({ teamId: teamA, workspaceId: teamA.toLowerCase() })).token).toBe(
      "xoxb-team-a",
    );
    const refused = await oauth
      .clientFor({ teamId: teamB, workspaceId: teamA.toLowerCase() })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: ErrorCode.NotFound, retryable: false });
    expect(oauth.workspaceFor(teamB)).toBeUndefined();
  });

  it("refuses to use stored tokens under another ENCRYPTION_KEY, as a configuration error", async () => {
    const teamId = newId("T");
    await oauthWith().receiverOptions.installationStore.storeInstallation(
      installation({ token: "xoxb-sealed", team: { id: teamId } }),
    );
    const rekeyed = oauthWith(randomBytes(32).toString("base64"));
    const failed = await rekeyed
      .clientFor({ teamId, workspaceId: teamId.toLowerCase() })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: ErrorCode.InvalidConfig, retryable: false });
    await expect(
      rekeyed.receiverOptions.installationStore.fetchInstallation({
        teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidConfig });
  });
});

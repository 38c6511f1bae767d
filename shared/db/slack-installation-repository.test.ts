import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import type { NewSlackInstallationRow } from "./schema.ts";
import { slackInstallationKey } from "./slack-installation-key.ts";
import {
  deleteSlackInstallation,
  findSlackInstallation,
  findSlackInstallationByWorkspace,
  listSlackInstallations,
  saveRotatedSlackTokens,
  saveSlackInstallation,
} from "./slack-installation-repository.ts";

/** A team id no other test uses. */
function newTeamId(): string {
  return `T${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`;
}

function installation(
  teamId: string,
  fields: Partial<NewSlackInstallationRow> = {},
): NewSlackInstallationRow {
  return {
    installationKey: teamId,
    teamId,
    teamName: "Acme",
    workspaceId: teamId.toLowerCase(),
    appId: "A0SABIOAPP",
    botId: "B0SABIO",
    botUserId: "U0SABIO",
    botScopes: "app_mentions:read,chat:write",
    botTokenEncrypted: "v1:sealed-token-1",
    botRefreshTokenEncrypted: "v1:sealed-refresh-1",
    botTokenExpiresAt: new Date("2026-11-26T12:00:00.000Z"),
    installerUserId: "U0ADMIN",
    ...fields,
  };
}

describe.each(testDatabaseBackends)("slack installations on $kind", (backend) => {
  const db = useTestDatabase(backend);

  it("saves an installation and finds it by key and by workspace", async () => {
    const teamId = newTeamId();
    const saved = await saveSlackInstallation(db(), installation(teamId));
    expect(saved).toMatchObject({
      installationKey: teamId,
      workspaceId: teamId.toLowerCase(),
      enterpriseId: null,
    });
    expect(saved.installedAt).toBeInstanceOf(Date);
    expect(await findSlackInstallation(db(), teamId)).toEqual(saved);
    expect(await findSlackInstallationByWorkspace(db(), teamId.toLowerCase())).toEqual(saved);
    expect(await findSlackInstallation(db(), newTeamId())).toBeUndefined();
  });

  it("replaces a reinstall in place, keeping the first install time", async () => {
    const teamId = newTeamId();
    const first = await saveSlackInstallation(db(), installation(teamId));
    const second = await saveSlackInstallation(
      db(),
      installation(teamId, {
        botScopes: "app_mentions:read,chat:write,commands",
        botTokenEncrypted: "v1:sealed-token-2",
        botRefreshTokenEncrypted: null,
        botTokenExpiresAt: null,
        installerUserId: "U0OTHER",
        teamName: undefined,
      }),
    );
    expect(second).toMatchObject({
      botScopes: "app_mentions:read,chat:write,commands",
      botTokenEncrypted: "v1:sealed-token-2",
      botRefreshTokenEncrypted: null,
      botTokenExpiresAt: null,
      installerUserId: "U0OTHER",
      teamName: null,
      installedAt: first.installedAt,
    });
    expect(second.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
    expect((await listSlackInstallations(db())).filter((row) => row.installationKey === teamId)).toHaveLength(
      1,
    );
  });

  it("stores each rotation whole: concurrent saves never mix one token with another's refresh token", async () => {
    const teamId = newTeamId();
    await saveSlackInstallation(db(), installation(teamId));
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        saveSlackInstallation(
          db(),
          installation(teamId, {
            botTokenEncrypted: `v1:token-${n}`,
            botRefreshTokenEncrypted: `v1:refresh-${n}`,
            botTokenExpiresAt: new Date(Date.UTC(2026, 10, 26, 12, n)),
          }),
        ),
      ),
    );
    const row = await findSlackInstallation(db(), teamId);
    const n = Number(row?.botTokenEncrypted.replace("v1:token-", ""));
    expect(row?.botRefreshTokenEncrypted).toBe(`v1:refresh-${n}`);
    expect(row?.botTokenExpiresAt?.getUTCMinutes()).toBe(n);
  });

  it("writes rotated tokens together, and never brings back a removed installation", async () => {
    const teamId = newTeamId();
    await saveSlackInstallation(db(), installation(teamId));
    const expiresAt = new Date("2026-11-27T00:00:00.000Z");
    const rotated = await saveRotatedSlackTokens(db(), teamId, {
      botTokenEncrypted: "v1:rotated-token",
      botRefreshTokenEncrypted: "v1:rotated-refresh",
      botTokenExpiresAt: expiresAt,
    });
    expect(rotated).toMatchObject({
      botTokenEncrypted: "v1:rotated-token",
      botRefreshTokenEncrypted: "v1:rotated-refresh",
      botTokenExpiresAt: expiresAt,
      installerUserId: "U0ADMIN",
    });

    await deleteSlackInstallation(db(), teamId);
    const late = await saveRotatedSlackTokens(db(), teamId, {
      botTokenEncrypted: "v1:too-late",
      botRefreshTokenEncrypted: null,
      botTokenExpiresAt: null,
    });
    expect(late).toBeUndefined();
    expect(await findSlackInstallation(db(), teamId)).toBeUndefined();
  });

  it("deletes an installation once, returning what it was", async () => {
    const teamId = newTeamId();
    await saveSlackInstallation(db(), installation(teamId));
    expect(await deleteSlackInstallation(db(), teamId)).toMatchObject({ installationKey: teamId });
    expect(await deleteSlackInstallation(db(), teamId)).toBeUndefined();
    expect(await findSlackInstallationByWorkspace(db(), teamId.toLowerCase())).toBeUndefined();
  });

  it("keys an org-wide install by its enterprise id, with no team", async () => {
    const enterpriseId = `E${newTeamId().slice(1)}`;
    const key = slackInstallationKey({ teamId: undefined, enterpriseId, isEnterpriseInstall: true });
    expect(key).toBe(enterpriseId);
    await saveSlackInstallation(
      db(),
      installation(key, { teamId: null, teamName: null, enterpriseId, workspaceId: key.toLowerCase() }),
    );
    expect(await findSlackInstallation(db(), enterpriseId)).toMatchObject({ teamId: null, enterpriseId });
    // A workspace of some enterprise that installed the app by itself is keyed by its team.
    expect(slackInstallationKey({ teamId: "T0INORG", enterpriseId, isEnterpriseInstall: false })).toBe(
      "T0INORG",
    );
  });

  it("lists installations oldest first", async () => {
    const [a, b] = [newTeamId(), newTeamId()];
    // Inserted newest first; PGlite's clock may give two quick inserts the same time.
    await saveSlackInstallation(db(), installation(b, { installedAt: new Date("2026-02-01T00:00:00.000Z") }));
    await saveSlackInstallation(db(), installation(a, { installedAt: new Date("2026-01-01T00:00:00.000Z") }));
    const keys = (await listSlackInstallations(db())).map((row) => row.installationKey);
    expect(keys.indexOf(a)).toBeGreaterThanOrEqual(0);
    expect(keys.indexOf(a)).toBeLessThan(keys.indexOf(b));
  });

  it("refuses a row with neither team nor enterprise, and two installations on one workspace", async () => {
    const teamId = newTeamId();
    await expect(
      saveSlackInstallation(db(), installation(teamId, { teamId: null, enterpriseId: null })),
    ).rejects.toThrow();
    await saveSlackInstallation(db(), installation(teamId));
    await expect(
      saveSlackInstallation(db(), installation(newTeamId(), { workspaceId: teamId.toLowerCase() })),
    ).rejects.toThrow();
  });
});

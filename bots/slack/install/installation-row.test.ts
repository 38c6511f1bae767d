import { randomBytes } from "node:crypto";
import type { Installation } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { NewSlackInstallationRow, SlackInstallationRow } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { installationFromRow, installationToRow } from "./installation-row.ts";

const box = createSecretBox(randomBytes(32));

/** What the database gives back for an inserted row. */
function stored(row: NewSlackInstallationRow): SlackInstallationRow {
  const at = new Date("2026-11-26T10:00:00.000Z");
  return {
    ...row,
    teamId: row.teamId ?? null,
    teamName: row.teamName ?? null,
    enterpriseId: row.enterpriseId ?? null,
    appId: row.appId ?? null,
    botRefreshTokenEncrypted: row.botRefreshTokenEncrypted ?? null,
    botTokenExpiresAt: row.botTokenExpiresAt ?? null,
    installedAt: at,
    updatedAt: at,
  };
}

const teamInstall: Installation = {
  team: { id: "T0ACME", name: "Acme" },
  enterprise: { id: "E0GRID" },
  user: { id: "U0ADMIN", token: undefined, scopes: undefined },
  bot: {
    token: "xoxe.xoxb-1-secret",
    refreshToken: "xoxe-1-refresh",
    expiresAt: 1_795_800_000,
    scopes: ["chat:write", "commands"],
    id: "B0SABIO",
    userId: "U0SABIO",
  },
  appId: "A0SABIO",
  tokenType: "bot",
  isEnterpriseInstall: false,
  authVersion: "v2",
};

describe("installation rows", () => {
  it("keeps a team's install under its team id, in its own workspace, tokens sealed", () => {
    const row = installationToRow(teamInstall, box);
    expect(row).toMatchObject({
      installationKey: "T0ACME",
      teamId: "T0ACME",
      enterpriseId: "E0GRID",
      workspaceId: "t0acme",
      botScopes: "chat:write,commands",
      botTokenExpiresAt: new Date(1_795_800_000_000),
      installerUserId: "U0ADMIN",
    });
    expect(JSON.stringify(row)).not.toContain("secret");
    expect(JSON.stringify(row)).not.toContain("xoxe-1-refresh");
    expect(installationFromRow(stored(row), box)).toEqual({
      ...teamInstall,
      team: { id: "T0ACME", name: "Acme" },
      user: { id: "U0ADMIN", token: undefined, scopes: undefined },
    });
  });

  it("keeps an org-wide install under its enterprise id, with no team", () => {
    const orgInstall: Installation = {
      ...teamInstall,
      team: undefined,
      enterprise: { id: "E0GRID", name: "Grid" },
      isEnterpriseInstall: true,
    };
    const row = installationToRow(orgInstall, box);
    expect(row).toMatchObject({ installationKey: "E0GRID", teamId: null, workspaceId: "e0grid" });
    expect(installationFromRow(stored(row), box)).toMatchObject({
      team: undefined,
      enterprise: { id: "E0GRID" },
      isEnterpriseInstall: true,
      bot: { token: "xoxe.xoxb-1-secret" },
    });
  });

  it("leaves out what a token that never expires does not have", () => {
    const { refreshToken: _refresh, expiresAt: _expires, ...bot } = teamInstall.bot ?? { token: "" };
    const row = installationToRow(
      { ...teamInstall, bot: { ...bot, scopes: [], id: "B0", userId: "U0" } },
      box,
    );
    expect(row).toMatchObject({ botRefreshTokenEncrypted: null, botTokenExpiresAt: null, botScopes: "" });
    const { bot: opened } = installationFromRow(stored(row), box);
    expect(opened).not.toHaveProperty("refreshToken");
    expect(opened).not.toHaveProperty("expiresAt");
    expect(opened?.scopes).toEqual([]);
  });

  it("refuses a sealed token moved to another team's row", () => {
    const acme = installationToRow(teamInstall, box);
    const other = installationToRow({ ...teamInstall, team: { id: "T0OTHER" } }, box);
    const swapped = stored({ ...other, botTokenEncrypted: acme.botTokenEncrypted });
    expect(() => installationFromRow(swapped, box)).toThrow(AppError);
  });

  it("refuses an installation without a bot", () => {
    const { bot: _bot, ...userOnly } = teamInstall;
    expect(() => installationToRow(userOnly, box)).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidInput }),
    );
  });
});

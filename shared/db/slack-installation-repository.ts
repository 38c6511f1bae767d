import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "./database.ts";
import { excluded } from "./excluded.ts";
import { type NewSlackInstallationRow, type SlackInstallationRow, slackInstallations } from "./schema.ts";

/** Sealed tokens after a rotation: written together or not at all. */
export interface RotatedSlackTokens {
  botTokenEncrypted: string;
  botRefreshTokenEncrypted: string | null;
  botTokenExpiresAt: Date | null;
}

/**
 * Stores an installation, replacing the one with the same key (a reinstall, new scopes, new
 * tokens) in a single statement; `installed_at` keeps the first install's time.
 */
export async function saveSlackInstallation(
  db: Db,
  installation: NewSlackInstallationRow,
): Promise<SlackInstallationRow> {
  const table = slackInstallations;
  const [row] = await db
    .insert(table)
    .values(installation)
    .onConflictDoUpdate({
      target: table.installationKey,
      set: {
        teamId: excluded(table.teamId),
        teamName: excluded(table.teamName),
        enterpriseId: excluded(table.enterpriseId),
        workspaceId: excluded(table.workspaceId),
        appId: excluded(table.appId),
        botId: excluded(table.botId),
        botUserId: excluded(table.botUserId),
        botScopes: excluded(table.botScopes),
        botTokenEncrypted: excluded(table.botTokenEncrypted),
        botRefreshTokenEncrypted: excluded(table.botRefreshTokenEncrypted),
        botTokenExpiresAt: excluded(table.botTokenExpiresAt),
        installerUserId: excluded(table.installerUserId),
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error(`slack installation ${installation.installationKey} was not saved`);
  return row;
}

/**
 * Replaces the bot token, its refresh token and expiry in one statement. Never creates a row: an
 * installation removed while its token was being refreshed stays removed. Undefined when gone.
 */
export async function saveRotatedSlackTokens(
  db: Db,
  installationKey: string,
  tokens: RotatedSlackTokens,
): Promise<SlackInstallationRow | undefined> {
  const [row] = await db
    .update(slackInstallations)
    .set({ ...tokens, updatedAt: sql`now()` })
    .where(eq(slackInstallations.installationKey, installationKey))
    .returning();
  return row;
}

/** By team id, or enterprise id for org-wide installs (see slackInstallationKey). */
export async function findSlackInstallation(
  db: Db,
  installationKey: string,
): Promise<SlackInstallationRow | undefined> {
  const [row] = await db
    .select()
    .from(slackInstallations)
    .where(eq(slackInstallations.installationKey, installationKey));
  return row;
}

/** The installation answering from a Sabio workspace (each workspace has at most one). */
export async function findSlackInstallationByWorkspace(
  db: Db,
  workspaceId: string,
): Promise<SlackInstallationRow | undefined> {
  const [row] = await db
    .select()
    .from(slackInstallations)
    .where(eq(slackInstallations.workspaceId, workspaceId));
  return row;
}

/** Removes an installation and returns what it was, or undefined when there was none. */
export async function deleteSlackInstallation(
  db: Db,
  installationKey: string,
): Promise<SlackInstallationRow | undefined> {
  const [row] = await db
    .delete(slackInstallations)
    .where(eq(slackInstallations.installationKey, installationKey))
    .returning();
  return row;
}

/** Every installation, oldest first. */
export async function listSlackInstallations(db: Db): Promise<SlackInstallationRow[]> {
  return db
    .select()
    .from(slackInstallations)
    .orderBy(asc(slackInstallations.installedAt), asc(slackInstallations.installationKey));
}

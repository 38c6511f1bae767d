import { driveConnectLink } from "#connectors/drive/oauth/drive-connect-link.ts";
import { requireDriveOAuthConfig } from "#connectors/drive/oauth/drive-oauth-config.ts";
import { notionConnectLink } from "#connectors/notion/oauth/notion-connect-link.ts";
import { requireNotionOAuthConfig } from "#connectors/notion/oauth/notion-oauth-config.ts";
import { oauthStateLifetimeMs } from "#connectors/oauth/oauth-state.ts";
import type { Env } from "#shared/config/env.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/** One source an admin can connect through OAuth: its link and what to tell them. */
interface ConnectTarget {
  /** Builds the link, or throws invalid_config naming what is not set. */
  link(env: Env, workspaceId: string): { url: string; expiresAt: Date; redirectUri: string };
  vendor: string;
  /** What the admin does on the consent page. */
  consent: string;
}

const targets: Record<string, ConnectTarget> = {
  notion: {
    link(env, workspaceId) {
      const config = requireNotionOAuthConfig(env);
      return {
        ...notionConnectLink(config, { workspaceId, connectedBy: "cli" }),
        redirectUri: config.redirectUri,
      };
    },
    vendor: "Notion",
    consent: "sign in to Notion and pick the pages to share",
  },
  drive: {
    link(env, workspaceId) {
      const config = requireDriveOAuthConfig(env);
      return {
        ...driveConnectLink(config, { workspaceId, connectedBy: "cli" }),
        redirectUri: config.redirectUri,
      };
    },
    vendor: "Google",
    consent:
      "sign in to the Google account whose Drive Sabio should read and allow read-only access: My Drive and the shared drives it can see",
  },
};

/**
 * `sabio connect notion|drive --workspace <id> [--json]`: prints the link an admin opens to
 * connect a Notion workspace or a Google account's Drive through OAuth. Needs no database or
 * Redis: the link's signed state carries the workspace, and the web role (at PUBLIC_URL) finishes
 * the connection when the vendor sends the browser back.
 */
export async function connectCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const [name, ...rest] = commandLine.positionals;
  const target = name === undefined ? undefined : targets[name.toLowerCase()];
  if (target === undefined || rest.length > 0) {
    throw new UsageError(
      name === undefined
        ? "connect needs a source: `connect notion --workspace <id>` or `connect drive --workspace <id>`."
        : `connect supports notion and drive (got "${commandLine.positionals.join(" ")}").`,
    );
  }
  if (!commandLine.workspace) throw new UsageError("connect needs --workspace <id>.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const { env } = services;
  const link = target.link(env, workspaceId);
  const minutes = Math.round(oauthStateLifetimeMs / 60_000);

  if (commandLine.json) {
    printJson(output, {
      url: link.url,
      workspace: workspaceId,
      expiresAt: link.expiresAt.toISOString(),
      redirectUri: link.redirectUri,
    });
    return 0;
  }
  output.out(link.url);
  output.note(
    `Open this link within ${minutes} minutes, ${target.consent}: they are then synced into workspace "${workspaceId}". The link works once.`,
  );
  output.note(
    `${target.vendor} sends the browser back to ${link.redirectUri}: the web role (\`sabio start web\`) must be reachable there.`,
  );
  if (!env.PUBLIC_URL) {
    output.note(
      "PUBLIC_URL is not set, so that address only works in a browser on this machine; set PUBLIC_URL to where the web role is reachable.",
    );
  }
  return 0;
}

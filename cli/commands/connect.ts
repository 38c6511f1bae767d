import { notionConnectLink } from "#connectors/notion/oauth/notion-connect-link.ts";
import { requireNotionOAuthConfig } from "#connectors/notion/oauth/notion-oauth-config.ts";
import { oauthStateLifetimeMs } from "#connectors/oauth/oauth-state.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `sabio connect notion --workspace <id> [--json]`: prints the link an admin opens to connect a
 * Notion workspace through OAuth. Needs no database or Redis: the link's signed state carries the
 * workspace, and the web role (at PUBLIC_URL) finishes the connection when Notion sends the
 * browser back.
 */
export async function connectCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const [target, ...rest] = commandLine.positionals;
  if (target?.toLowerCase() !== "notion" || rest.length > 0) {
    throw new UsageError(
      target === undefined
        ? "connect needs a source: `connect notion --workspace <id>`."
        : `connect supports only notion (got "${commandLine.positionals.join(" ")}").`,
    );
  }
  if (!commandLine.workspace) throw new UsageError("connect needs --workspace <id>.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const { env } = services;
  const config = requireNotionOAuthConfig(env);
  const link = notionConnectLink(config, { workspaceId, connectedBy: "cli" });
  const minutes = Math.round(oauthStateLifetimeMs / 60_000);

  if (commandLine.json) {
    printJson(output, {
      url: link.url,
      workspace: workspaceId,
      expiresAt: link.expiresAt.toISOString(),
      redirectUri: config.redirectUri,
    });
    return 0;
  }
  output.out(link.url);
  output.note(
    `Open this link within ${minutes} minutes, sign in to Notion and pick the pages to share: they are then synced into workspace "${workspaceId}". The link works once.`,
  );
  output.note(
    `Notion sends the browser back to ${config.redirectUri}: the web role (\`sabio start web\`) must be reachable there.`,
  );
  if (!env.PUBLIC_URL) {
    output.note(
      "PUBLIC_URL is not set, so that address only works in a browser on this machine; set PUBLIC_URL to where the web role is reachable.",
    );
  }
  return 0;
}

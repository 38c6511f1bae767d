import type { REST } from "discord.js";
import type { SourceAlerts } from "#connectors/sources/source-alerts.ts";
import type { Logger } from "#shared/log/logger.ts";
import { dmDiscordUsers } from "./dm-discord-users.ts";
import { needsReauthContent } from "./source-alert-content.ts";

export interface DiscordSourceAlertsOptions {
  /** discord.js REST with the bot token (no gateway needed: the sync role has none). */
  rest: REST;
  logger: Logger;
  /** The same connection is alerted again only after this long (default 24 h), as in Slack. */
  repeatAfterMs?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

const day = 24 * 60 * 60 * 1000;

/**
 * Tells whoever connected a source from Discord (`connectedBy` "discord:<user id>") by DM that it
 * stopped. Connections made elsewhere are not this one's to tell (see routeSourceAlerts). Never
 * throws: a closed DM (403, 50007) or any other failure is a warning and the sync goes on.
 */
export function createDiscordSourceAlerts(options: DiscordSourceAlertsOptions): SourceAlerts {
  const logger = options.logger.child({ component: "discord-source-alerts" });
  const repeatAfterMs = options.repeatAfterMs ?? day;
  const now = options.now ?? Date.now;
  /** When each connection was last alerted (this process). */
  const alerted = new Map<string, number>();

  return {
    async needsReauth(connection, message) {
      const userId = discordUserOf(connection.connectedBy);
      if (!userId) {
        logger.info(
          { connectionId: connection.id },
          "a source needs re-auth, and nobody connected it from Discord",
        );
        return;
      }
      const last = alerted.get(connection.id);
      if (last !== undefined && now() - last < repeatAfterMs) return;
      const sent = await dmDiscordUsers(options.rest, [userId], needsReauthContent(connection, message), {
        logger,
        fields: { connectionId: connection.id },
        message: "could not DM the admin in Discord that a source needs re-auth",
      });
      if (sent > 0) alerted.set(connection.id, now());
    },
  };
}

/** "discord:123456789012345678" → the user id; other connectors ("slack:U…", "cli", null) → undefined. */
export function discordUserOf(connectedBy: string | null): string | undefined {
  return /^discord:(\d{17,20})$/.exec(connectedBy ?? "")?.[1];
}

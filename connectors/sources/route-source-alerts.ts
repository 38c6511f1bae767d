import type { SourceAlerts } from "./source-alerts.ts";

/**
 * Alerts reach the admin where they connected the source: a connection made from Discord
 * (`connectedBy` "discord:…") goes to `discord` when this server has it; everything else (Slack,
 * NOTION_TOKEN, the CLI) goes to `otherwise`, the Slack alerts or the log warning.
 */
export function routeSourceAlerts(routes: { discord?: SourceAlerts; otherwise: SourceAlerts }): SourceAlerts {
  return {
    async needsReauth(connection, message) {
      const fromDiscord = connection.connectedBy?.startsWith("discord:") ?? false;
      const alerts = fromDiscord && routes.discord ? routes.discord : routes.otherwise;
      await alerts.needsReauth(connection, message);
    },
  };
}

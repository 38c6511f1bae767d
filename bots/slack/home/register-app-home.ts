import type { App } from "@slack/bolt";
import type { Logger } from "#shared/log/logger.ts";
import type { PublishHome } from "./create-home-publisher.ts";

/** Publishes the Home tab whenever someone opens it (the Messages tab fires the same event: skipped). */
export function registerAppHome(app: App, options: { publishHome: PublishHome; logger: Logger }): void {
  const logger = options.logger.child({ component: "slack-home" });
  app.event("app_home_opened", async ({ event, body, context, client }) => {
    if (event.tab !== "home") return;
    const teamId = context.teamId ?? body.team_id;
    try {
      await options.publishHome({ client, teamId, userId: event.user });
    } catch (error) {
      logger.error({ err: error, userId: event.user }, "could not publish the App Home");
    }
  });
}

import { WebClient } from "@slack/web-api";
import { createSlackPlatform } from "#bots/slack/reply/create-slack-platform.ts";
import { replyClientOptions } from "#bots/slack/reply/reply-client-options.ts";
import type { Env } from "#shared/config/env.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Platform } from "#shared/platform/platform.ts";
import type { Services } from "../services.ts";
import { slackOAuthConfigured } from "./configured-roles.ts";

/**
 * The answer worker's way back to Slack, or undefined when Slack is not configured. The Web API
 * client only: Bolt is loaded by the slack role (and, in OAuth mode, by the installation store).
 */
export async function slackPlatformFromEnv(
  env: Env,
  logger: Logger,
  services: Services,
): Promise<Platform | undefined> {
  if (slackOAuthConfigured(env)) return (await import("./slack-oauth.ts")).slackOAuthPlatform(services);
  if (!env.SLACK_BOT_TOKEN) return undefined;
  // Rate limits are rejected to our own short retry (the client's default could wait ~30 min).
  const client = new WebClient(env.SLACK_BOT_TOKEN, replyClientOptions(env.SLACK_API_URL));
  return createSlackPlatform({ clientFor: async () => client, logger, streaming: "auto" });
}

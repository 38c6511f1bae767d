import type { WebClient } from "@slack/web-api";
import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { PublishHome } from "../home/create-home-publisher.ts";
import type { Approvers } from "./approvers.ts";

export interface AnswerActionsOptions {
  database: Db;
  approvers: Approvers;
  /**
   * The Sabio workspace a Slack team feeds (undefined: not ours). A button may only touch that
   * workspace's answers.
   */
  workspaceFor(teamId: string): string | undefined;
  /** Re-publishes the App Home after a click made there (it has no message to update). */
  publishHome: PublishHome;
  logger: Logger;
}

/** What every answer-button handler works with: the options plus the Web API client of the click. */
export interface AnswerActionContext extends AnswerActionsOptions {
  client: WebClient;
}

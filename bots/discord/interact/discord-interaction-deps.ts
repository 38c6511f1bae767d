import type { Redis } from "ioredis";
import type { Billing } from "#shared/billing/billing-service.ts";
import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { ReviewService } from "#shared/review/review-service.ts";
import type { DiscordWorkspaceSettings } from "../discord-workspace.ts";
import type { InteractionTokens } from "../interaction-tokens.ts";
import type { DiscordApproverContext, DiscordApproverSettings } from "./discord-approvers.ts";

/** A link that connects a Notion workspace to a Sabio workspace, made for one admin. */
export type NotionConnectLinkMaker = (request: { workspaceId: string; connectedBy: string }) => {
  url: string;
  expiresAt: Date;
};

/** Everything slash commands and answer buttons need; the discord role wires the real ones. */
export interface DiscordInteractionDeps {
  /** Enqueues `/ask` questions. */
  producer: Producer;
  /** The `/ask` interaction token, for the answer worker (never in job data). */
  interactionTokens: InteractionTokens;
  /** For the `/ask` dedupe claim; the producer's connection will do. */
  redis: Redis;
  /** QUEUE_PREFIX (tests pass a random one). */
  keyPrefix?: string | undefined;
  /** Votes, approvals, corrections: `createReviewService({ database, approvers: createDiscordApprovers(approvers) })`. */
  review: ReviewService<DiscordApproverContext>;
  /** The same settings the review service's approvers were made with (checked synchronously before a modal). */
  approvers: DiscordApproverSettings;
  /** `/sabio status` and `/sabio pending` read it. */
  database: Db;
  workspace: DiscordWorkspaceSettings;
  /** Questions waiting in the `questions` queue (`createQueueDepth(...).depth`). */
  queueDepth(): Promise<number>;
  /** `/sabio connect notion` (`notionConnectLinks(env)`); undefined: not set up on this server. */
  notionConnectLink?: NotionConnectLinkMaker | undefined;
  /** `/sabio connect drive` (`driveConnectLinks(env)`); undefined: not set up on this server. */
  driveConnectLink?: NotionConnectLinkMaker | undefined;
  /** `/sabio billing` (admins); left out, billing reads "off". */
  billing?: Billing | undefined;
  logger: Logger;
  now?: () => Date;
  /** How long `/sabio status` waits for the queue depth (default 2 s). */
  queueTimeoutMs?: number;
  /** How long Correct & approve waits for the answer text before opening the form empty (default 1.5 s). */
  correctionLoadBudgetMs?: number;
}

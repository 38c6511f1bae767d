import type { App, RespondFn } from "@slack/bolt";
import { listApprovals } from "#shared/approvals/approval-states.ts";
import type { Billing } from "#shared/billing/billing-service.ts";
import type { Db } from "#shared/db/database.ts";
import { pendingApprovals } from "#shared/db/pending-approvals.ts";
import { workspaceStats } from "#shared/db/workspace-stats.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { SlackApprovers } from "../interact/approvers.ts";
import { clickReplies } from "../interact/click-replies.ts";
import { billingReply } from "./billing-reply.ts";
import { connectDriveReply } from "./connect-drive-reply.ts";
import { connectNotionReply } from "./connect-notion-reply.ts";
import type { ConnectSourceAsk, ConnectSourceOptions } from "./connect-source-reply.ts";
import { parseSabioCommand } from "./parse-sabio-command.ts";
import { pendingText } from "./pending-text.ts";
import { sabioHelpText } from "./sabio-help-text.ts";
import { statusText } from "./status-text.ts";

export interface SabioCommandOptions {
  database: Db;
  /** The Sabio workspace a Slack team feeds (undefined: not ours). */
  workspaceFor(teamId: string): string | undefined;
  /** Questions waiting in the `questions` queue. */
  queueDepth(): Promise<number>;
  logger: Logger;
  now?: () => Date;
  /** How long status waits for the queue: a BullMQ connection retries forever while Redis is down. */
  queueTimeoutMs?: number;
  /** `/sabio connect notion`: who may, and the link; left out, the answer is "not set up here". */
  connectNotion?: ConnectSourceOptions;
  /** `/sabio connect drive`: the same for Google Drive. */
  connectDrive?: ConnectSourceOptions;
  /** Who may list `/sabio pending`; left out, nobody may. */
  approvers?: SlackApprovers;
  /** `/sabio billing` (admins); left out, billing reads "off". */
  billing?: Billing;
}

// Each list of `/sabio pending`; the App Home shows the same with buttons.
const pendingListed = 10;

const week = 7 * 24 * 60 * 60 * 1000;
const notConnectedText = "This Slack workspace is not connected to a Sabio workspace yet.";

/**
 * `/sabio help | status | pending | connect notion | connect drive | billing`. Everything is ephemeral.
 * Fixed texts travel in the acknowledgement itself; status and connect acknowledge first,
 * then do their slow part (database and queue; the admin check) and answer through the response URL.
 */
export function registerSabioCommand(app: App, options: SabioCommandOptions): void {
  const now = options.now ?? (() => new Date());
  const logger = options.logger.child({ component: "slack-command" });

  app.command("/sabio", async ({ command, ack, respond, client }) => {
    const request = parseSabioCommand(command.text ?? "");
    switch (request.kind) {
      case "help":
        await ack({ response_type: "ephemeral", text: sabioHelpText });
        return;
      case "unknown":
        await ack({
          response_type: "ephemeral",
          text: `I don't know \`/sabio ${request.text.slice(0, 100)}\`.\n\n${sabioHelpText}`,
        });
        return;
      case "status":
        await ack();
        await respondWithStatus(command.team_id, respond);
        return;
      case "pending":
        // The approver check (users.info) may be slow, like connect.
        await ack();
        await respondWithPending({ client, teamId: command.team_id, userId: command.user_id }, respond);
        return;
      case "connect-notion":
      case "connect-drive":
        // The admin check (users.info) may be slow: acknowledge first, answer through the response URL.
        await ack();
        await respondToConnect(
          request.kind,
          { client, teamId: command.team_id, userId: command.user_id },
          respond,
        );
        return;
      case "billing":
        // The admin check and Stripe may be slow: acknowledge first.
        await ack();
        await respond({
          response_type: "ephemeral",
          text: await billingReply(
            options,
            { client, teamId: command.team_id, userId: command.user_id },
            now(),
          ),
        });
    }
  });

  async function respondWithStatus(teamId: string, respond: RespondFn): Promise<void> {
    try {
      const workspaceId = options.workspaceFor(teamId);
      if (workspaceId === undefined) {
        await respond({ response_type: "ephemeral", text: notConnectedText });
        return;
      }
      const [stats, queueDepth] = await Promise.all([
        workspaceStats(options.database, workspaceId, { since: new Date(now().getTime() - week) }),
        depthOrUndefined(),
      ]);
      await respond({ response_type: "ephemeral", text: statusText({ workspaceId, stats, queueDepth }) });
    } catch (error) {
      logger.error({ err: error, teamId }, "/sabio status failed");
      await respond({
        response_type: "ephemeral",
        text: "Sorry, I couldn't read Sabio's status just now. Please try again in a minute.",
      }).catch((respondError: unknown) =>
        logger.warn({ err: respondError }, "could not send the status error"),
      );
    }
  }

  async function respondWithPending(
    who: { client: ConnectSourceAsk["client"]; teamId: string; userId: string },
    respond: RespondFn,
  ): Promise<void> {
    try {
      const workspaceId = options.workspaceFor(who.teamId);
      if (workspaceId === undefined) {
        await respond({ response_type: "ephemeral", text: notConnectedText });
        return;
      }
      const approver =
        options.approvers !== undefined &&
        (await options.approvers.isApprover(
          { platform: "slack", userId: who.userId },
          { client: who.client, teamId: who.teamId },
        ));
      if (!approver) {
        await respond({ response_type: "ephemeral", text: clickReplies.notApprover });
        return;
      }
      const [stale, pending] = await Promise.all([
        listApprovals(options.database, workspaceId, { state: "stale", limit: pendingListed + 1 }),
        pendingApprovals(options.database, workspaceId, pendingListed + 1),
      ]);
      const text = pendingText({
        stale: stale.slice(0, pendingListed),
        pending: pending.slice(0, pendingListed),
        more: { stale: stale.length > pendingListed, pending: pending.length > pendingListed },
      });
      await respond({ response_type: "ephemeral", text });
    } catch (error) {
      logger.error({ err: error, teamId: who.teamId }, "/sabio pending failed");
      await respond({
        response_type: "ephemeral",
        text: "Sorry, I couldn't list the answers waiting for review just now. Please try again in a minute.",
      }).catch((respondError: unknown) =>
        logger.warn({ err: respondError }, "could not send the pending error"),
      );
    }
  }

  async function respondToConnect(
    kind: "connect-notion" | "connect-drive",
    who: { client: ConnectSourceAsk["client"]; teamId: string; userId: string },
    respond: RespondFn,
  ): Promise<void> {
    const notion = kind === "connect-notion";
    try {
      const ask = { ...who, workspaceId: options.workspaceFor(who.teamId), now: now() };
      const text = notion
        ? await connectNotionReply(options.connectNotion, ask)
        : await connectDriveReply(options.connectDrive, ask);
      await respond({ response_type: "ephemeral", text });
    } catch (error) {
      logger.error(
        { err: error, teamId: who.teamId },
        `/sabio ${notion ? "connect notion" : "connect drive"} failed`,
      );
      await respond({
        response_type: "ephemeral",
        text: `Sorry, I couldn't make a ${notion ? "Notion" : "Google Drive"} link just now. Please try again in a minute.`,
      }).catch((respondError: unknown) =>
        logger.warn({ err: respondError }, "could not send the connect error"),
      );
    }
  }

  async function depthOrUndefined(): Promise<number | undefined> {
    const timeoutMs = options.queueTimeoutMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await Promise.race([options.queueDepth(), timeout]);
    } catch (error) {
      logger.warn({ err: error }, "could not read the question queue depth");
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

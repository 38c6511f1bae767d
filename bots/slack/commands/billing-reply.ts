import type { WebClient } from "@slack/web-api";
import { type Billing, billingOff } from "#shared/billing/billing-service.ts";
import { billingSummaryText } from "#shared/billing/billing-summary-text.ts";
import { countSeats } from "#shared/billing/seats/count-seats.ts";
import type { Db } from "#shared/db/database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { SlackApprovers } from "../interact/approvers.ts";

export const billingTexts = {
  noWorkspace: "This Slack workspace is not connected to a Sabio workspace yet.",
  notAdmin: "Only workspace admins and owners (and people named in SLACK_APPROVERS) can see billing.",
  failed: "Sorry, I couldn't reach billing just now. Please try again in a minute.",
} as const;

const mrkdwn = {
  link: (url: string, label: string) => `<${url}|${label}>`,
  bold: (text: string) => `*${text}*`,
};

/**
 * The ephemeral answer to `/sabio billing`: for admins (as `/sabio connect` checks them) the
 * status, seats and a Checkout or Customer Portal link; a polite no for anyone else. Never throws.
 */
export async function billingReply(
  options: {
    database: Db;
    workspaceFor(teamId: string): string | undefined;
    approvers?: SlackApprovers;
    billing?: Billing;
    logger: Logger;
  },
  who: { client: WebClient; teamId: string; userId: string },
  now: Date,
): Promise<string> {
  try {
    const workspaceId = options.workspaceFor(who.teamId);
    if (workspaceId === undefined) return billingTexts.noWorkspace;
    const admin =
      options.approvers !== undefined &&
      (await options.approvers.isApprover(
        { platform: "slack", userId: who.userId },
        { client: who.client, teamId: who.teamId },
      ));
    if (!admin) return billingTexts.notAdmin;
    const seats = await countSeats(options.database, workspaceId, now);
    const summary = await (options.billing ?? billingOff).summary(workspaceId, seats);
    return billingSummaryText(summary, mrkdwn, now);
  } catch (error) {
    options.logger.error({ err: errorMessage(error), teamId: who.teamId }, "/sabio billing failed");
    return billingTexts.failed;
  }
}

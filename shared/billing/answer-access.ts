import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { BillingAlerts } from "./billing-alerts.ts";
import type { Billing } from "./billing-service.ts";

/**
 * The answer job's gate: undefined = answer; a string = the polite refusal to post instead (no
 * model call). A past-due workspace answers, and its admins are warned (at most daily) without
 * the question waiting on it.
 */
export async function answerRefusal(
  billing: Billing | undefined,
  workspaceId: string,
  options: { alerts?: BillingAlerts | undefined; logger: Logger },
): Promise<string | undefined> {
  if (!billing?.enabled) return undefined;
  const access = await billing.access(workspaceId);
  if (!access.allowed) {
    options.logger.info({ workspaceId, billingStatus: access.status }, "billing refused an answer");
    return access.refusal;
  }
  if (access.warnAdmins) {
    const alerts = options.alerts;
    if (!alerts)
      options.logger.warn({ workspaceId }, "a workspace's payment failed (past_due); no admin alert route");
    else
      void alerts
        .paymentFailed(workspaceId)
        .catch((error: unknown) =>
          options.logger.warn(
            { err: errorMessage(error), workspaceId },
            "could not warn admins of a failed payment",
          ),
        );
  }
  return undefined;
}

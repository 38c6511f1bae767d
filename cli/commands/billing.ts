import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import type { BillingSummary } from "#shared/billing/billing-service.ts";
import { countSeats } from "#shared/billing/seats/count-seats.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { optionsOnlyWorkspace } from "./options-only-workspace.ts";

/**
 * `sabio billing --workspace <id> [--json]`: the workspace's billing status, seats, trial end and
 * the admin's link: Stripe Checkout without a subscription, the Customer Portal with one.
 */
export async function billingCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const workspaceId = optionsOnlyWorkspace("billing", commandLine);
  const { db } = await services.database();
  const seats = await countSeats(db, workspaceId, new Date());
  const summary = await billingFromEnv(services.env, db).summary(workspaceId, seats);
  if (commandLine.json) {
    printJson(output, summary);
    return 0;
  }
  output.out(billingLines(workspaceId, summary).join("\n"));
  return 0;
}

function billingLines(workspaceId: string, summary: BillingSummary): string[] {
  if (summary.status === "off") {
    return [
      `Billing is off on this server (no STRIPE_SECRET_KEY): workspace "${workspaceId}" answers without a subscription.`,
    ];
  }
  const lines = [
    `Workspace "${workspaceId}": ${summary.status}`,
    `  seats: ${summary.seats} (active in the last 28 days)`,
  ];
  if (summary.trialEndsAt) lines.push(`  trial ends: ${summary.trialEndsAt}`);
  if (summary.checkoutUrl) lines.push(`  subscribe: ${summary.checkoutUrl}`);
  if (summary.portalUrl) lines.push(`  manage (payment method, invoices, cancel): ${summary.portalUrl}`);
  return lines;
}

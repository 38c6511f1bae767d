import type { BillingSummary } from "./billing-service.ts";

/** How a chat platform writes a link and bold text (Slack mrkdwn, Discord Markdown). */
export interface ChatMarkup {
  link(url: string, label: string): string;
  bold(text: string): string;
}

/** `/sabio billing`'s answer for an admin, the same facts as `sabio billing`. */
export function billingSummaryText(summary: BillingSummary, markup: ChatMarkup, now: Date): string {
  if (summary.status === "off") {
    return "Billing is off on this Sabio server: every workspace answers without a subscription.";
  }
  const lines = [`${markup.bold("Billing")}: ${statusWords(summary, now)}`];
  lines.push(`Seats: ${summary.seats} (people who used Sabio in the last 28 days; bots are free)`);
  if (summary.checkoutUrl) {
    lines.push(
      `${markup.link(summary.checkoutUrl, "Subscribe with Stripe Checkout")} (this link is yours; it works for 24 hours)`,
    );
  }
  if (summary.portalUrl) {
    lines.push(
      `${markup.link(summary.portalUrl, "Manage billing in Stripe")}: payment method, invoices, cancel (open it within a few minutes)`,
    );
  }
  return lines.join("\n");
}

function statusWords(summary: BillingSummary, now: Date): string {
  const trialEnd = summary.trialEndsAt ? summary.trialEndsAt.slice(0, 10) : undefined;
  switch (summary.status) {
    case "none":
      return trialEnd && Date.parse(summary.trialEndsAt ?? "") > now.getTime()
        ? `free trial until ${trialEnd}, no subscription yet`
        : "the free trial has ended: answers are paused until an admin subscribes";
    case "trialing":
      return `subscribed, trial${trialEnd ? ` until ${trialEnd}` : ""}`;
    case "active":
      return "subscribed";
    case "past_due":
      return "the latest payment failed: answers continue for now, please update the payment method";
    case "canceled":
      return "the subscription is not active: answers are paused until an admin renews it";
    default:
      return summary.status;
  }
}

import type { PinChange } from "#shared/approvals/approval-pins.ts";
import type { PlatformUser } from "#shared/platform/platform.ts";

/** How `approve` and `approvals` name an approver: a CLI name as it is, others with their platform. */
export function approverLabel(user: PlatformUser): string {
  return user.platform === "cli" ? user.userId : `${user.userId} (${user.platform})`;
}

/** "Handbook changed, Policy was removed". */
export function describeChanges(changes: readonly PinChange[]): string {
  return changes
    .map((change) => `${change.title} ${change.change === "removed" ? "was removed" : "changed"}`)
    .join(", ");
}

/** One line of a question, at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What `/sabio` says besides help (Discord Markdown). */
export const sabioCommandTexts = {
  notApprover:
    "Only members with **Manage Server**, and the roles and people named in Sabio's approver settings, can do that.",
  statusFailed: "Sorry, I couldn't read Sabio's status just now. Please try again in a minute.",
  pendingFailed:
    "Sorry, I couldn't list the answers waiting for review just now. Please try again in a minute.",
  nothingPending: "No answers are waiting for review. 🎉",
  connectFailed: "Sorry, I couldn't make a Notion link just now. Please try again in a minute.",
  connectDriveFailed: "Sorry, I couldn't make a Google Drive link just now. Please try again in a minute.",
  billingFailed: "Sorry, I couldn't reach billing just now. Please try again in a minute.",
  unknown: "I don't know that command; here is what I can do.",
} as const;

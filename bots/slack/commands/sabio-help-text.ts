/** The `/sabio help` message (mrkdwn), also shown after an unknown subcommand. */
export const sabioHelpText = [
  "*Sabio* answers questions from your team's documents, with sources.",
  "• Ask: mention `@Sabio` with your question in a channel, or send me a direct message.",
  "• Rate an answer with 👍 / 👎; admins can approve or correct it.",
  "",
  "*Commands*",
  "• `/sabio help`: this message",
  "• `/sabio status`: knowledge sources, document counts, last sync and questions waiting",
  "• `/sabio pending`: answers waiting for approval and approvals gone stale (approvers)",
  "• `/sabio connect notion`: connect a Notion workspace (admins; you get a private link)",
  "• `/sabio connect drive`: connect Google Drive (admins; you get a private link)",
  "• `/sabio billing`: subscription, seats and a link to subscribe or manage billing (admins)",
].join("\n");

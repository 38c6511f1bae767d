/** The `/sabio help` message (Discord Markdown). */
export const sabioHelpText = [
  "**Sabio** answers questions from your team's documents, with sources.",
  "- **Ask**: mention me with your question in a channel (I answer in a thread; follow-ups there need no new mention), use `/ask`, or send me a direct message.",
  "- **Rate** an answer with 👍 / 👎. Approvers (Manage Server, or named in Sabio's settings) can **Approve** it or **Correct & approve** it.",
  "",
  "**Commands**",
  "- `/ask question:` ask in this channel; the answer appears in place",
  "- `/sabio help`: this message",
  "- `/sabio status`: knowledge sources, document counts, last sync and questions waiting",
  "- `/sabio pending`: answers waiting for review (approvers)",
  "- `/sabio connect notion`: connect a Notion workspace (admins; you get a private link)",
  "- `/sabio connect drive`: connect Google Drive (admins; you get a private link)",
  "- `/sabio billing`: subscription, seats and a link to subscribe or manage billing (admins)",
].join("\n");

/** Placeholders for subcommands whose features are not built yet: an honest answer beats silence. */
export const comingSoonText = {
  "connect-drive":
    "Connecting Google Drive from Slack is coming soon. Until then, an admin can index downloaded files with `sabio ingest`.",
  billing: "Billing is coming soon. Self-hosted Sabio is free to run.",
} as const;

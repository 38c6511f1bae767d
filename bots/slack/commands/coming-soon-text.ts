/** Placeholders for subcommands whose features are not built yet: an honest answer beats silence. */
export const comingSoonText = {
  billing: "Billing is coming soon. Self-hosted Sabio is free to run.",
} as const;

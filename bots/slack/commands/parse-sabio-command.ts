/** What someone asked for with `/sabio …`. */
export type SabioSubcommand =
  | { kind: "help" }
  | { kind: "status" }
  | { kind: "pending" }
  | { kind: "connect-notion" }
  | { kind: "connect-drive" }
  | { kind: "billing" }
  | { kind: "unknown"; text: string };

/** Reads the text after `/sabio`; case and extra spaces don't matter, nothing means help. */
export function parseSabioCommand(text: string): SabioSubcommand {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  switch (words) {
    case "":
    case "help":
      return { kind: "help" };
    case "status":
      return { kind: "status" };
    case "pending":
      return { kind: "pending" };
    case "connect notion":
      return { kind: "connect-notion" };
    case "connect drive":
    case "connect google drive":
      return { kind: "connect-drive" };
    case "billing":
      return { kind: "billing" };
    default:
      return { kind: "unknown", text: text.trim() };
  }
}

/**
 * Markdown links, autolinks and bare URLs swapped for placeholders with no sentence punctuation in
 * them, so sentence splitting and truncation never cut inside a URL (`…/view?id=1` stays whole).
 */
const LINK =
  /!?\[[^\]\n]*\]\([^)\s]*(?:\s+"[^"\n]*")?\)|<https?:\/\/[^>\s]+>|https?:\/\/[^\s<>()[\]]*[^\s<>()[\].,;:!?'"]/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export interface ProtectedText {
  text: string;
  links: string[];
}

export function protectLinks(text: string): ProtectedText {
  const links: string[] = [];
  const protectedText = text.replace(LINK, (link) => {
    links.push(link);
    return `\uE000${links.length - 1}\uE001`;
  });
  return { text: protectedText, links };
}

export function restoreLinks(text: string, links: readonly string[]): string {
  return text.replace(PLACEHOLDER, (match, index: string) => links[Number(index)] ?? match);
}

/** Cuts protected text to at most `limit` characters at a word boundary; a placeholder is never split. */
export function truncateProtected(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.lastIndexOf(" ", limit);
  if (cut < limit / 2) cut = limit;
  let head = text.slice(0, cut);
  const open = head.lastIndexOf("\uE000");
  if (open > head.lastIndexOf("\uE001")) head = head.slice(0, open); // inside a link: drop it whole
  return `${head.trimEnd()}…`;
}

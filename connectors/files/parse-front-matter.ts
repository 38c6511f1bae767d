import matter from "gray-matter";
import { errorMessage } from "#shared/errors/app-error.ts";

export interface FrontMatter {
  /** Parsed key/values; empty when there is none or it could not be parsed. */
  data: Record<string, unknown>;
  /** The Markdown after the front matter block. */
  body: string;
  /** Why the block was dropped without being parsed, if it was. */
  error?: string;
}

const PARSEABLE_LANGUAGES = new Set(["", "yaml", "yml", "json"]);

// gray-matter would `eval` a `---js` block: a document must never run code on the ingest host.
const refuse = () => {
  throw new Error("executable front matter is not supported");
};
// Passing options also turns off gray-matter's unbounded in-memory cache keyed by file content.
const MATTER_OPTIONS = { engines: { javascript: refuse, coffee: refuse } };

/**
 * Splits YAML/JSON front matter from a Markdown body. Never loses text: a block that is not closed
 * is not front matter (a leading `---` rule), and a block that does not parse is dropped from the
 * body — it is metadata, not prose — with the reason in `error` while the body is kept.
 */
export function parseFrontMatter(text: string): FrontMatter {
  if (!text.startsWith("---") || text[3] === "-") return { data: {}, body: text };
  const openingEnd = text.indexOf("\n");
  if (openingEnd === -1) return { data: {}, body: text };
  const closing = text.indexOf("\n---", openingEnd);
  if (closing === -1) return { data: {}, body: text };
  const closingEnd = text.indexOf("\n", closing + 4);
  const body = closingEnd === -1 ? "" : text.slice(closingEnd + 1);

  const language = text.slice(3, openingEnd).trim().toLowerCase();
  if (!PARSEABLE_LANGUAGES.has(language)) {
    return { data: {}, body, error: `front matter language "${language}" is not supported` };
  }
  try {
    const data: unknown = matter(text, MATTER_OPTIONS).data;
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      return { data: {}, body, error: "front matter is not a key/value map" };
    }
    return { data: data as Record<string, unknown>, body };
  } catch (error) {
    return { data: {}, body, error: `front matter could not be parsed: ${firstLine(errorMessage(error))}` };
  }
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}

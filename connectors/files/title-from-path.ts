import { posix } from "node:path";
import { plainTextTitle } from "#shared/knowledge/plain-text-title.ts";

const GENERIC_NAMES = new Set(["index", "readme", "_index"]);

/**
 * A readable title from a file path, for files that carry none: "travel-guide_faq.md" →
 * "Travel guide faq". `index.md`/`README.md` are named after their folder, since dozens of them
 * titled "Index" would make citations useless.
 */
export function titleFromPath(relativePath: string): string {
  const extension = posix.extname(relativePath);
  let name = posix.basename(relativePath, extension);
  const folder = posix.basename(posix.dirname(relativePath));
  if (GENERIC_NAMES.has(name.toLowerCase()) && folder !== "" && folder !== ".") name = folder;
  const words = plainTextTitle(name.replace(/[-_\s]+/g, " "));
  if (words === "") return relativePath;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

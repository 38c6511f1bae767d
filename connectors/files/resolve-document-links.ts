import { posix } from "node:path";
import { transformOutsideCodeFences } from "./outside-code-fences.ts";

/** What a folder's links are resolved with: every document's path, URL and front matter. */
export interface LinkTarget {
  relativePath: string;
  url: string;
  metadata?: Record<string, unknown>;
}

export interface SiteLinks {
  /** Site path without slashes or extension ("travel/faq") → the citing URL of the document there. */
  byKey: Map<string, string>;
  baseUrl?: URL;
  /** Prefix of citation paths when there is no base URL ("handbook"). */
  folderName: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i;
const INLINE_LINK = /(\]\()(<[^>\n]*>|[^)\s]+)((?:\s+"[^"\n]*")?\))/g;
const PAGE_EXTENSION = /\.(?:md|markdown|mdx|html?)$/i;

/** The keys a document answers to: its path, its path inside a collection folder, its permalinks. */
export function siteLinks(targets: readonly LinkTarget[], folderName: string, baseUrl?: URL): SiteLinks {
  const byKey = new Map<string, string>();
  const ambiguous = new Set<string>();
  const add = (key: string, url: string) => {
    const normalized = normalizeKey(key);
    if (normalized === "" && key !== "/") return;
    const known = byKey.get(normalized);
    if (known !== undefined && known !== url) ambiguous.add(normalized);
    byKey.set(normalized, url);
  };
  for (const target of targets) {
    const page = target.relativePath.replace(PAGE_EXTENSION, "").replace(/(?:^|\/)(?:index|readme)$/i, "");
    add(page, target.url);
    // Static site generators publish `pages/travel/faq.md` at `/travel/faq/`.
    if (page.includes("/")) add(page.slice(page.indexOf("/") + 1), target.url);
    for (const key of ["permalink", "url", "redirect_from"]) {
      const value = target.metadata?.[key];
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === "string" && !SCHEME.test(item)) add(item, target.url);
      }
    }
  }
  for (const key of ambiguous) byKey.delete(key);
  return baseUrl === undefined ? { byKey, folderName } : { byKey, folderName, baseUrl };
}

/**
 * Rewrites a document's relative links (`/first-time-travel-travel-card`, `../x.md`) to where they
 * point — the linked document's own citation URL when it is in the folder, else the published
 * site's page under the base URL, else the path in the folder — so chunks carry links that work
 * outside the wiki. Absolute links, anchors and code are left as written.
 */
export function resolveDocumentLinks(content: string, relativePath: string, site: SiteLinks): string {
  if (!content.includes("](")) return content;
  return transformOutsideCodeFences(content, (prose) =>
    prose.replace(INLINE_LINK, (match, open: string, destination: string, close: string) => {
      const bare = destination.startsWith("<") ? destination.slice(1, -1) : destination;
      const resolved = resolveLink(bare, relativePath, site);
      return resolved === undefined ? match : `${open}${resolved}${close}`;
    }),
  );
}

function resolveLink(href: string, relativePath: string, site: SiteLinks): string | undefined {
  if (href === "" || SCHEME.test(href)) return undefined;
  const cut = href.search(/[?#]/);
  const path = cut === -1 ? href : href.slice(0, cut);
  const suffix = cut === -1 ? "" : href.slice(cut);
  if (path === "") return undefined;
  const sitePath = path.startsWith("/")
    ? posix.normalize(safeDecode(path)).slice(1)
    : posix.normalize(posix.join(posix.dirname(relativePath), safeDecode(path)));
  if (sitePath.startsWith("..")) return undefined; // outside the folder: nothing to point at
  const known = site.byKey.get(normalizeKey(sitePath));
  if (known !== undefined) return `${known}${suffix.startsWith("#") ? suffix : ""}`;
  if (site.baseUrl)
    return new URL(`${sitePath.replace(PAGE_EXTENSION, "")}${suffix}`, site.baseUrl).toString();
  if (path.startsWith("/")) return undefined; // a site path with no site to resolve it against
  return `${site.folderName === "" ? "" : `${site.folderName}/`}${sitePath}${suffix}`;
}

function normalizeKey(key: string): string {
  return safeDecode(key)
    .replace(PAGE_EXTENSION, "")
    .replace(/^\/+|\/+$/g, "")
    .toLowerCase();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

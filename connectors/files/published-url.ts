import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

const indexPage = /^(index|readme)$/i;

/**
 * A docs site's base URL (`--base-url`): absolute http(s), no query or fragment; always ends in "/"
 * so relative paths resolve under it, not beside it. Throws invalid_input with what was wrong.
 */
export function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError(ErrorCode.InvalidInput, `--base-url "${text}" is not a URL.`, {
      hint: "pass the published site's address, e.g. --base-url https://docs.example.com/",
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new AppError(ErrorCode.InvalidInput, `--base-url must be an http(s) URL (got "${text}").`);
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "")
    throw new AppError(
      ErrorCode.InvalidInput,
      `--base-url must not carry a query, fragment or credentials (got "${text}").`,
    );
  if (!url.pathname.endsWith("/")) url.pathname = `${url.pathname}/`;
  return url;
}

/**
 * Where a file of a docs-as-code folder is published: `guide/setup.md` → `<base>guide/setup`,
 * `guide/index.md` or `README.md` → the folder's URL (`<base>guide/`). Front matter decides when it
 * says: an absolute `url` wins; a `url` or `permalink` that is a path is resolved against the base
 * URL (a leading "/" means the site's root under the base, as static site generators read it).
 */
export function publishedUrl(relativePath: string, baseUrl: URL, metadata?: Record<string, unknown>): string {
  for (const key of ["url", "permalink"]) {
    const value = metadata?.[key];
    if (typeof value === "string" && value.trim() !== "") {
      const resolved = resolveAgainst(value.trim(), baseUrl);
      if (resolved) return resolved;
    }
  }
  const segments = relativePath.split("/");
  const file = segments.pop() ?? "";
  const stem = file.replace(/\.[^.]+$/, "");
  const path = indexPage.test(stem)
    ? segments.map((part) => `${part}/`).join("")
    : [...segments, stem].join("/");
  return new URL(path.split("/").map(encodeURIComponent).join("/"), baseUrl).toString();
}

function resolveAgainst(value: string, baseUrl: URL): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    try {
      const absolute = new URL(value);
      return absolute.protocol === "https:" || absolute.protocol === "http:"
        ? absolute.toString()
        : undefined;
    } catch {
      return undefined;
    }
  }
  try {
    return new URL(value.replace(/^\/+/, ""), baseUrl).toString();
  } catch {
    return undefined;
  }
}

import { describe, expect, it } from "vitest";
import { isAppError } from "#shared/errors/app-error.ts";
import { parseBaseUrl, publishedUrl } from "./published-url.ts";

describe("publishedUrl", () => {
  const base = parseBaseUrl("https://docs.example.com/handbook");

  it("turns a relative path into the page's URL, index and README pages into their folder's", () => {
    expect(publishedUrl("guide/setup.md", parseBaseUrl("https://docs.example.com/"))).toBe(
      "https://docs.example.com/guide/setup",
    );
    expect(publishedUrl("guide/setup.md", base)).toBe("https://docs.example.com/handbook/guide/setup");
    expect(publishedUrl("guide/index.md", base)).toBe("https://docs.example.com/handbook/guide/");
    expect(publishedUrl("README.md", base)).toBe("https://docs.example.com/handbook/");
    expect(publishedUrl("notes/Time off (EU).mdx", base)).toBe(
      "https://docs.example.com/handbook/notes/Time%20off%20(EU)",
    );
  });

  it("lets front matter decide: an absolute url wins, a relative permalink resolves against the base", () => {
    expect(publishedUrl("a.md", base, { url: "https://elsewhere.example.org/a" })).toBe(
      "https://elsewhere.example.org/a",
    );
    expect(publishedUrl("a.md", base, { permalink: "/policies/leave/" })).toBe(
      "https://docs.example.com/handbook/policies/leave/",
    );
    expect(publishedUrl("a.md", base, { permalink: "leave.html" })).toBe(
      "https://docs.example.com/handbook/leave.html",
    );
    // Not a web address: ignored, the path decides.
    expect(publishedUrl("a.md", base, { url: "javascript:alert(1)" })).toBe(
      "https://docs.example.com/handbook/a",
    );
  });

  it.each(["docs.example.com", "ftp://docs.example.com/", "https://docs.example.com/?v=1", ""])(
    "refuses the base URL %j with a clear message",
    (text) => {
      const error = (() => {
        try {
          return parseBaseUrl(text);
        } catch (caught) {
          return caught;
        }
      })();
      expect(isAppError(error) && error.code).toBe("invalid_input");
      expect((error as Error).message).toContain("--base-url");
    },
  );
});

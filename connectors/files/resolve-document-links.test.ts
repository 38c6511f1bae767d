import { describe, expect, it } from "vitest";
import { resolveDocumentLinks, siteLinks } from "./resolve-document-links.ts";

const documents = [
  {
    relativePath: "pages/travel/card.md",
    url: "wiki/pages/travel/card.md",
    metadata: { redirect_from: ["/travel-card/"] },
  },
  { relativePath: "pages/travel/faq.md", url: "wiki/pages/travel/faq.md" },
  { relativePath: "pages/guide/index.md", url: "wiki/pages/guide/index.md" },
];

describe("resolveDocumentLinks", () => {
  it("points links between the folder's pages at their citation URLs", () => {
    const site = siteLinks(documents, "wiki");
    const text = resolveDocumentLinks(
      "Get [a card](/travel-card) first, see [the FAQ](../travel/faq.md#per-diem), the [guide](/travel/../guide/) and [x](faq).",
      "pages/guide/setup.md",
      site,
    );
    expect(text).toBe(
      "Get [a card](wiki/pages/travel/card.md) first, see [the FAQ](wiki/pages/travel/faq.md#per-diem), the [guide](wiki/pages/guide/index.md) and [x](wiki/pages/guide/faq).",
    );
  });

  it("resolves the rest against the base URL, and leaves absolute links, anchors and code alone", () => {
    const site = siteLinks(documents, "wiki", new URL("https://handbook.example.com/"));
    const text = resolveDocumentLinks(
      "[a](/unknown-page/) [b](https://x.example/y?z=1) [c](#top) [d](mailto:a@b.c)\n\n```\n[e](/travel-card)\n```",
      "pages/guide/setup.md",
      site,
    );
    expect(text).toBe(
      "[a](https://handbook.example.com/unknown-page/) [b](https://x.example/y?z=1) [c](#top) [d](mailto:a@b.c)\n\n```\n[e](/travel-card)\n```",
    );
  });

  it("without a base URL, keeps a site path it cannot place", () => {
    expect(resolveDocumentLinks("[a](/nowhere)", "a.md", siteLinks(documents, "wiki"))).toBe("[a](/nowhere)");
  });
});

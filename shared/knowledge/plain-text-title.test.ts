import { describe, expect, it } from "vitest";
import { decodeHtmlEntities, plainTextTitle } from "./plain-text-title.ts";

describe("plainTextTitle", () => {
  it("drops tags and decodes entities", () => {
    expect(plainTextTitle("Get set up <em>before</em> onboarding")).toBe("Get set up before onboarding");
    expect(plainTextTitle("Logging in &amp; Networks")).toBe("Logging in & Networks");
    expect(plainTextTitle("Canci&oacute;n &#8212; &#x41;&nbsp;b")).toBe("Canción — A b");
  });

  it("keeps what only looks like markup", () => {
    expect(plainTextTitle("a < b and c > d")).toBe("a < b and c > d");
    expect(plainTextTitle("Show &lt;b&gt; tags")).toBe("Show <b> tags");
    expect(decodeHtmlEntities("&unknown; stays")).toBe("&unknown; stays");
  });
});

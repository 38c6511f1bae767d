import { describe, expect, it } from "vitest";
import { dedupeHash, proposeJobId } from "./dedupe-hash.ts";

describe("dedupeHash and proposeJobId", () => {
  it("turns any key into an id BullMQ accepts, stable per key", () => {
    const snowflake = dedupeHash("1183749283749287364");
    expect(snowflake).toMatch(/^d[0-9a-f]{32}$/);
    expect(dedupeHash("1183749283749287364")).toBe(snowflake);
    expect(dedupeHash("slack:acme:Ev1")).not.toContain(":");
    expect(dedupeHash("slack/acme/Ev1")).not.toBe(dedupeHash("slack/acme/Ev2"));
  });

  it("proposes a different job id on each call for the same key", () => {
    const hash = dedupeHash("Ev1");
    const first = proposeJobId(hash);
    expect(first.startsWith(`${hash}-`)).toBe(true);
    expect(first).not.toContain(":");
    expect(proposeJobId(hash)).not.toBe(first);
  });
});

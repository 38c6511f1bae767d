import { describe, expect, it } from "vitest";
import { accessKeys, anyDomainKey, everyoneKey, nobodyKey, viewerKeys } from "./access-keys.ts";

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

/** Whether a viewer sees a document: any key in common, as both stores filter. */
const sees = (viewer: Parameters<typeof viewerKeys>[0], access: Parameters<typeof accessKeys>[0]) =>
  viewerKeys(viewer).some((key) => accessKeys(access).includes(key));

describe("accessKeys", () => {
  it("gives no list and public access the everyone key", () => {
    expect(accessKeys(null)).toEqual([everyoneKey]);
    expect(accessKeys(undefined)).toEqual([everyoneKey]);
    expect(accessKeys({ public: true, users: ["a@example.com"] })).toContain(everyoneKey);
  });

  it("keys users, groups and domains lower-cased and hex-encoded, a domain adding the any-domain key", () => {
    expect(
      accessKeys({ users: ["Bob@Example.com"], groups: ["HR@example.com"], domains: ["Example.COM"] }),
    ).toEqual(
      [
        anyDomainKey,
        `domain:${hex("example.com")}`,
        `group:${hex("hr@example.com")}`,
        `user:${hex("bob@example.com")}`,
      ].sort(),
    );
    expect(accessKeys({ users: ["bob@example.com"] })).not.toContain(anyDomainKey);
    // A list naming nobody keeps a key, so no store mistakes it for "no list written".
    expect(accessKeys({})).toEqual([nobodyKey]);
    expect(accessKeys({ users: [] })).toEqual([nobodyKey]);
  });

  it("never puts a space or a LIKE wildcard in a key", () => {
    for (const key of accessKeys({ users: ["a b%_@x.com"], groups: ["g %"], domains: ["d_ %"] })) {
      expect(key).not.toMatch(/[\s%_]/);
    }
  });
});

describe("viewerKeys", () => {
  it("holds everyone, the email and its domain for a known email; groups as given", () => {
    expect(viewerKeys({ email: " Bob@Example.com ", groups: ["hr@example.com"] }).sort()).toEqual(
      [
        everyoneKey,
        `user:${hex("bob@example.com")}`,
        `domain:${hex("example.com")}`,
        `group:${hex("hr@example.com")}`,
      ].sort(),
    );
  });

  it("holds everyone and the any-domain key for an unknown email", () => {
    expect(viewerKeys({}).sort()).toEqual([anyDomainKey, everyoneKey].sort());
    expect(viewerKeys({ email: "  " }).sort()).toEqual([anyDomainKey, everyoneKey].sort());
  });

  it("decides visibility as Drive would", () => {
    const bobOnly = { users: ["bob@example.com"] };
    const domain = { domains: ["example.com"] };
    const anyone = { public: true };
    const group = { groups: ["hr@example.com"] };
    expect(sees({ email: "BOB@example.com" }, bobOnly)).toBe(true);
    expect(sees({ email: "alice@example.com" }, bobOnly)).toBe(false);
    expect(sees({}, bobOnly)).toBe(false);
    expect(sees({ email: "alice@example.com" }, domain)).toBe(true);
    expect(sees({}, domain)).toBe(true);
    expect(sees({ email: "carol@other.com" }, domain)).toBe(false);
    // A look-alike domain is another domain.
    expect(sees({ email: "eve@evilexample.com" }, domain)).toBe(false);
    expect(sees({ email: "eve@example.com.evil" }, domain)).toBe(false);
    for (const viewer of [{}, { email: "carol@other.com" }]) expect(sees(viewer, anyone)).toBe(true);
    expect(sees({ email: "bob@example.com" }, group)).toBe(false);
    expect(sees({ email: "bob@example.com", groups: ["HR@example.com"] }, group)).toBe(true);
    expect(sees({}, null)).toBe(true);
    for (const viewer of [{}, { email: "bob@example.com", groups: ["hr@example.com"] }]) {
      expect(sees(viewer, {})).toBe(false);
    }
  });
});

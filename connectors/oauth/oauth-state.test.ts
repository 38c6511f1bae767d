import { hkdfSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEncryptionKey } from "#shared/crypto/encryption-key.ts";
import { oauthStateKey, safeParseOAuthState, signOAuthState } from "./oauth-state.ts";

const encryptionKey = randomBytes(32).toString("base64");
const now = new Date("2026-11-26T10:00:00.000Z");
const request = { workspaceId: "acme", connectedBy: "slack:U0ADMIN" };

describe("OAuth state keys per provider", () => {
  it("keeps the key Notion's links have always been signed with", () => {
    const before = Buffer.from(
      hkdfSync(
        "sha256",
        parseEncryptionKey(encryptionKey),
        Buffer.alloc(0),
        "sabio/notion-oauth-state/v1",
        32,
      ),
    );
    expect(oauthStateKey(encryptionKey, "notion").equals(before)).toBe(true);
  });

  it("refuses at one provider's callback a state signed for another", () => {
    const { state } = signOAuthState(oauthStateKey(encryptionKey, "google"), request, now);
    expect(safeParseOAuthState(oauthStateKey(encryptionKey, "google"), state, now)).toMatchObject({
      ok: true,
    });
    expect(safeParseOAuthState(oauthStateKey(encryptionKey, "notion"), state, now)).toEqual({
      ok: false,
      reason: "forged",
    });
  });
});

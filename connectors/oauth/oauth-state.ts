import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { parseEncryptionKey } from "#shared/crypto/encryption-key.ts";

/** How long an authorize link works: long enough to sign in to the vendor, short enough to leak little. */
export const oauthStateLifetimeMs = 10 * 60_000;

/** What a `state` carries through a vendor's consent screen (Notion, Google) and back. */
export interface OAuthState {
  /** The Sabio workspace the vendor's account is connected to. */
  workspaceId: string;
  /** Who started it ("slack:U0123", "cli"): recorded on the connection, told when it needs re-auth. */
  connectedBy: string;
  /** Random; the single-use ledger remembers it once the callback has used it. */
  nonce: string;
  expiresAt: Date;
}

export type OAuthStateCheck =
  | { ok: true; state: OAuthState }
  /** malformed: not a state we wrote; forged: signature wrong (altered, or another key); expired. */
  | { ok: false; reason: "malformed" | "forged" | "expired" };

const version = "v1";
const maxStateLength = 1_024;

const payloadSchema = z.object({
  w: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
  u: z.string().min(1).max(200),
  n: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  e: z.number().int().positive(),
});

/**
 * The key one provider's `state` values are signed with: HKDF-SHA256 of ENCRYPTION_KEY for this
 * one purpose, so the signing key is never the key that seals tokens, and a state made for one
 * provider's callback does not pass another's. ("notion" keeps the key Notion links were signed with.)
 */
export function oauthStateKey(encryptionKey: string, provider: string): Buffer {
  return Buffer.from(
    hkdfSync(
      "sha256",
      parseEncryptionKey(encryptionKey),
      Buffer.alloc(0),
      `sabio/${provider}-oauth-state/v1`,
      32,
    ),
  );
}

/** `v1.<payload>.<HMAC-SHA256 of "v1.<payload>">`, base64url: bound to the workspace and the admin. */
export function signOAuthState(
  key: Buffer,
  request: { workspaceId: string; connectedBy: string },
  now: Date,
): { state: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + oauthStateLifetimeMs);
  const payload = Buffer.from(
    JSON.stringify({
      w: request.workspaceId,
      u: request.connectedBy,
      n: randomBytes(16).toString("base64url"),
      e: expiresAt.getTime(),
    }),
  ).toString("base64url");
  const signed = `${version}.${payload}`;
  return { state: `${signed}.${mac(key, signed)}`, expiresAt };
}

/** Checks the signature (in constant time), then the expiry. Reuse is the ledger's job. */
export function safeParseOAuthState(key: Buffer, value: string, now: Date): OAuthStateCheck {
  if (value.length > maxStateLength) return { ok: false, reason: "malformed" };
  const parts = value.split(".");
  const [prefix, payload, signature] = parts;
  if (parts.length !== 3 || prefix !== version || !payload || !signature)
    return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(key, `${prefix}.${payload}`), "base64url");
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "forged" };
  let fields: z.infer<typeof payloadSchema>;
  try {
    fields = payloadSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (fields.e <= now.getTime()) return { ok: false, reason: "expired" };
  return {
    ok: true,
    state: { workspaceId: fields.w, connectedBy: fields.u, nonce: fields.n, expiresAt: new Date(fields.e) },
  };
}

function mac(key: Buffer, text: string): string {
  return createHmac("sha256", key).update(text).digest("base64url");
}

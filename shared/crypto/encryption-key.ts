import { AppError, ErrorCode } from "../errors/app-error.ts";

/** AES-256 takes exactly 32 bytes of key. */
export const encryptionKeyBytes = 32;

const hexKey = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters plus one "=" of padding; base64url has no padding.
const base64Key = /^[A-Za-z0-9+/_-]{43}=?$/;

/** How to make a key, for error messages and docs. */
export const encryptionKeyExample = "openssl rand -base64 32";

/**
 * Reads ENCRYPTION_KEY: 64 hex digits, or 32 bytes in base64 / base64url (what `openssl rand
 * -base64 32` prints). Anything else is undefined, never stretched or padded into a weaker key.
 */
export function safeParseEncryptionKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (hexKey.test(text)) return Buffer.from(text, "hex");
  if (!base64Key.test(text)) return undefined;
  // Node's base64 decoder reads both alphabets.
  const key = Buffer.from(text, "base64");
  return key.length === encryptionKeyBytes ? key : undefined;
}

export function isEncryptionKey(value: string): boolean {
  return safeParseEncryptionKey(value) !== undefined;
}

/** Like safeParseEncryptionKey, but a bad key is a configuration error. */
export function parseEncryptionKey(value: string): Buffer {
  const key = safeParseEncryptionKey(value);
  if (!key) throw invalidEncryptionKey();
  return key;
}

export function invalidEncryptionKey(): AppError {
  return new AppError(
    ErrorCode.InvalidConfig,
    "ENCRYPTION_KEY must be 32 bytes written as base64 or as 64 hex digits.",
    { hint: `generate one with \`${encryptionKeyExample}\`` },
  );
}

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { encryptionKeyBytes, invalidEncryptionKey, parseEncryptionKey } from "./encryption-key.ts";

/** Encrypts secrets (OAuth tokens…) before they are stored, and decrypts them when read. */
export interface SecretBox {
  /**
   * `v1:` + base64url(iv ‖ tag ‖ ciphertext). `context` (e.g. "slack:T0123:bot-token") is
   * authenticated with it: the value opens only with the same context, so a sealed token copied
   * into another row or column is refused.
   */
  seal(plaintext: string, context?: string): string;
  /** Throws a non-retryable AppError for a wrong key, an altered value or a foreign format. */
  open(sealed: string, context?: string): string;
}

const prefix = "v1:";
const algorithm = "aes-256-gcm";
const ivBytes = 12;
const tagBytes = 16;

/** AES-256-GCM with a random 96-bit IV per value; `key` is ENCRYPTION_KEY (or its 32 bytes). */
export function createSecretBox(key: string | Buffer): SecretBox {
  const keyBytes = typeof key === "string" ? parseEncryptionKey(key) : key;
  if (keyBytes.length !== encryptionKeyBytes) throw invalidEncryptionKey();
  // The version is authenticated too, so a value cannot be relabelled as another format.
  const additionalData = (context: string | undefined) => Buffer.from(`${prefix}${context ?? ""}`, "utf8");

  return {
    seal(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv(algorithm, keyBytes, iv, { authTagLength: tagBytes });
      cipher.setAAD(additionalData(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return prefix + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
    },

    open(sealed, context) {
      if (!sealed.startsWith(prefix)) throw unknownFormat();
      const bytes = Buffer.from(sealed.slice(prefix.length), "base64url");
      if (bytes.length < ivBytes + tagBytes) throw unknownFormat();
      const decipher = createDecipheriv(algorithm, keyBytes, bytes.subarray(0, ivBytes), {
        authTagLength: tagBytes,
      });
      decipher.setAAD(additionalData(context));
      decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(ivBytes + tagBytes)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        // GCM cannot tell a wrong key from altered bytes; neither is fixed by trying again.
        throw new AppError(
          ErrorCode.InvalidConfig,
          "A stored secret could not be decrypted: ENCRYPTION_KEY is not the key it was encrypted with, or the value was altered.",
          {
            hint: "restore the ENCRYPTION_KEY the secrets were stored with; otherwise reinstall the Slack app",
          },
        );
      }
    },
  };
}

function unknownFormat(): AppError {
  return new AppError(ErrorCode.InvalidInput, 'A stored secret is not in the expected "v1:" format.');
}

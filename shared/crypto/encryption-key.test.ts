import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { isEncryptionKey, parseEncryptionKey, safeParseEncryptionKey } from "./encryption-key.ts";

describe("ENCRYPTION_KEY", () => {
  const bytes = randomBytes(32);

  it("reads 32 bytes written as hex, base64 (openssl rand -base64 32) or base64url", () => {
    for (const written of [
      bytes.toString("hex"),
      bytes.toString("hex").toUpperCase(),
      bytes.toString("base64"),
      bytes.toString("base64url"),
      ` ${bytes.toString("base64")}\n`,
    ]) {
      expect(safeParseEncryptionKey(written)?.equals(bytes)).toBe(true);
    }
  });

  it("refuses other lengths and passphrases instead of stretching them", () => {
    for (const written of [
      "",
      "correct horse battery staple",
      randomBytes(16).toString("base64"),
      randomBytes(31).toString("hex"),
      randomBytes(33).toString("base64"),
      `${bytes.toString("hex")}00`,
      `${bytes.toString("base64").slice(0, -2)}!=`,
    ]) {
      expect(isEncryptionKey(written)).toBe(false);
    }
  });

  it("says how to make one when the key is unusable", () => {
    const error = (() => {
      try {
        parseEncryptionKey("secret");
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidConfig, retryable: false });
    expect((error as AppError).hint).toContain("openssl rand -base64 32");
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import { createSecretBox } from "./secret-box.ts";

const key = randomBytes(32).toString("base64");
const token = "xoxb-1234-5678-secret-token";

function failure(open: () => unknown): AppError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected open() to throw");
}

/** Flips one bit of the decoded bytes at `index` (iv 0–11, tag 12–27, ciphertext after). */
function flipByte(sealed: string, index: number): string {
  const bytes = Buffer.from(sealed.slice(3), "base64url");
  bytes[index] = (bytes[index] ?? 0) ^ 1;
  return `v1:${bytes.toString("base64url")}`;
}

describe("secret box (AES-256-GCM)", () => {
  it("seals to a versioned base64url string that hides the secret, and opens it again", () => {
    const box = createSecretBox(key);
    const sealed = box.seal(token);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("secret");
    expect(box.open(sealed)).toBe(token);
    expect(box.open(box.seal("ünïcødé ✓"))).toBe("ünïcødé ✓");
    expect(box.open(box.seal(""))).toBe("");
  });

  it("uses a fresh IV every time: the same secret never seals to the same value", () => {
    const box = createSecretBox(key);
    expect(box.seal(token)).not.toBe(box.seal(token));
  });

  it("opens with the same key given as hex or as bytes", () => {
    const bytes = Buffer.from(key, "base64");
    const sealed = createSecretBox(key).seal(token);
    expect(createSecretBox(bytes.toString("hex")).open(sealed)).toBe(token);
    expect(createSecretBox(bytes).open(sealed)).toBe(token);
  });

  it("refuses a wrong key with a configuration error that retrying cannot fix", () => {
    const sealed = createSecretBox(key).seal(token);
    const error = failure(() => createSecretBox(randomBytes(32)).open(sealed));
    expect(error).toMatchObject({ code: ErrorCode.InvalidConfig, retryable: false });
    expect(error.message).toContain("ENCRYPTION_KEY");
    expect(error.message).not.toContain(sealed);
  });

  it("refuses a value altered anywhere: IV, tag or ciphertext", () => {
    const box = createSecretBox(key);
    const sealed = box.seal(token);
    for (const index of [0, 11, 12, 27, 28, 28 + token.length - 1]) {
      expect(failure(() => box.open(flipByte(sealed, index)))).toMatchObject({
        code: ErrorCode.InvalidConfig,
        retryable: false,
      });
    }
    expect(failure(() => box.open(sealed.slice(0, -4))).retryable).toBe(false);
  });

  it("binds the context: a value sealed for one row or column does not open for another", () => {
    const box = createSecretBox(key);
    const sealed = box.seal(token, "slack:T0AAA:bot-token");
    expect(box.open(sealed, "slack:T0AAA:bot-token")).toBe(token);
    expect(failure(() => box.open(sealed, "slack:T0BBB:bot-token")).code).toBe(ErrorCode.InvalidConfig);
    expect(failure(() => box.open(sealed)).code).toBe(ErrorCode.InvalidConfig);
  });

  it("refuses values in another format without trying to decrypt them", () => {
    const box = createSecretBox(key);
    for (const value of [token, "v2:abcdef", "v1:", "v1:AAAA"]) {
      expect(failure(() => box.open(value))).toMatchObject({
        code: ErrorCode.InvalidInput,
        retryable: false,
      });
    }
  });

  it("refuses to be made with a key of the wrong size", () => {
    expect(failure(() => createSecretBox("too-short")).code).toBe(ErrorCode.InvalidConfig);
    expect(failure(() => createSecretBox(randomBytes(16))).code).toBe(ErrorCode.InvalidConfig);
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import { openSealedCredentials, sealCredentials } from "./sealed-credentials.ts";

const box = createSecretBox(randomBytes(32).toString("base64"));
const schema = z.object({ accessToken: z.string(), refreshToken: z.string() });
const unreadable = { message: "stored tokens are unreadable", hint: "reconnect" };

describe("sealed credentials", () => {
  it("open on their own connection only, never in plain text", () => {
    const tokens = { accessToken: "ya29.secret", refreshToken: "1//refresh" };
    const sealed = sealCredentials(box, "drive-1@acme", tokens);
    expect(sealed).not.toContain("secret");
    expect(openSealedCredentials(box, "drive-1@acme", sealed, schema, unreadable)).toEqual(tokens);
    expect(() => openSealedCredentials(box, "drive-2@acme", sealed, schema, unreadable)).toThrow();
  });

  it("read as needs re-auth (invalid_config) when their shape is not the provider's", () => {
    const sealed = sealCredentials(box, "drive-1@acme", { token: "old shape" });
    expect(() => openSealedCredentials(box, "drive-1@acme", sealed, schema, unreadable)).toThrow(
      expect.objectContaining({ code: "invalid_config", message: unreadable.message, hint: "reconnect" }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { redactReason } from "./redact-reason.ts";

describe("redactReason", () => {
  it("blanks credential shapes and URL passwords, keeps the words that say what went wrong", () => {
    const reason = [
      "mlx_lm.lora exited with code 1",
      "token=xoxb-1234-5678-abcdef",
      "sk_live_51Habcdefghijklmnop",
      "secret_abcdefghijklmnopqrstuvwxyz0123456789",
      "https://user:hunter2@ollama.internal:11434/api/create",
      "Authorization: Bearer eyJhbGciOi.abc.def",
      "key 0123456789abcdef0123456789abcdef",
    ].join("; ");
    const redacted = redactReason(reason);
    expect(redacted).toContain("mlx_lm.lora exited with code 1");
    expect(redacted).toContain("https://***@ollama.internal:11434/api/create");
    for (const secret of [
      "xoxb-1234",
      "sk_live_",
      "secret_abc",
      "hunter2",
      "eyJhbGciOi",
      "0123456789abcdef0123",
    ])
      expect(redacted).not.toContain(secret);
  });
});

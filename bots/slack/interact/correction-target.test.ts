import { describe, expect, it } from "vitest";
import { encodeCorrectionTarget, parseCorrectionTarget } from "./correction-target.ts";

describe("correction target", () => {
  it("round-trips through the modal's private_metadata, with or without a message", () => {
    const inThread = {
      questionId: "5b0c7d1e-0000-4000-8000-000000000001",
      message: { channelId: "C0GENERAL", ts: "1712345678.000200", threadTs: "1712345678.000100" },
    };
    expect(parseCorrectionTarget(encodeCorrectionTarget(inThread))).toEqual(inThread);
    expect(parseCorrectionTarget(encodeCorrectionTarget({ questionId: "q1" }))).toEqual({ questionId: "q1" });
  });

  it("rejects metadata Sabio did not write", () => {
    for (const metadata of [
      "",
      "not json",
      "[]",
      '{"questionId":""}',
      `{"questionId":"${"x".repeat(65)}"}`,
    ]) {
      expect(parseCorrectionTarget(metadata)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from "vitest";
import { answerCustomId, parseAnswerCustomId } from "./answer-custom-ids.ts";

describe("answer custom ids", () => {
  const questionId = "0b6f3c2e-5d1a-4c1e-9a39-3f0c7f8e2d11";

  it("round-trips every action", () => {
    for (const action of ["up", "down", "approve", "correct", "drop", "correct-modal"] as const) {
      expect(parseAnswerCustomId(answerCustomId(action, questionId))).toEqual({ action, questionId });
    }
  });

  it("stays within Discord's 100-character custom_id limit", () => {
    expect(answerCustomId("correct-modal", questionId).length).toBeLessThanOrEqual(100);
  });

  it("ignores ids that are not ours or are malformed", () => {
    expect(parseAnswerCustomId("other-app:up:1")).toBeUndefined();
    expect(parseAnswerCustomId("sabio:delete:1")).toBeUndefined();
    expect(parseAnswerCustomId("sabio:up:")).toBeUndefined();
    expect(parseAnswerCustomId("sabio:up:1:extra")).toBeUndefined();
    expect(parseAnswerCustomId("sabio:up:../../x")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { AnsweredQuestion } from "./load-answered-question.ts";
import { reviewedReply } from "./reviewed-reply.ts";

const related = [{ n: 1, title: "Deploys", url: "handbook/deploys.md", documentId: "d1" }];

function loaded(served: unknown): AnsweredQuestion {
  return {
    question: {} as AnsweredQuestion["question"],
    answer: {
      mode: "extractive",
      model: null,
      text: "I couldn't find this in the team's documents, so I won't guess.",
      sources: [],
      served,
    } as unknown as AnsweredQuestion["answer"],
    approval: undefined,
    tally: { up: 1, down: 0 },
  };
}

describe("reviewedReply", () => {
  it("shows a not-covered answer again with its related pages (after a vote)", () => {
    const reply = reviewedReply(
      loaded({ gate: { relevance: 0.2, threshold: 0.5, covered: false, related } }),
    );
    expect(reply.notCovered).toEqual({ related });
    expect(reply.review?.feedback).toEqual({ up: 1, down: 0 });
  });

  it("leaves answers that were covered, or recorded before the gate, as they were", () => {
    expect(
      reviewedReply(loaded({ gate: { relevance: 0.9, threshold: 0.5, covered: true } })).notCovered,
    ).toBeUndefined();
    expect(reviewedReply(loaded({})).notCovered).toBeUndefined();
    expect(reviewedReply(loaded(null)).notCovered).toBeUndefined();
  });

  it("keeps a reused approved answer's approver when shown again, and names none otherwise", () => {
    const approved = {
      questionId: "q0",
      approvedBy: "U0MO",
      approvedByPlatform: "discord",
      similarity: 0.93,
    };
    expect(reviewedReply(loaded({ approved })).approvedBy).toEqual({ platform: "discord", userId: "U0MO" });
    expect(reviewedReply(loaded({})).approvedBy).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { parseServedRecord } from "#shared/answers/served-record.ts";
import {
  answerDependencies,
  handbookPage,
  useIndexedStore,
  useOllamaStandIn,
} from "#test/answer/answer-test-kit.ts";
import { answerQuestion } from "./answer-question.ts";
import { notCoveredText, notCoveredWithRelatedText, relevanceThreshold } from "./relevance-gate.ts";

const workspaceId = "gate";
const documents = [
  handbookPage(
    workspaceId,
    "time-off.md",
    "Time off",
    "# Time off\n\nEveryone gets twenty-five paid vacation days every year. Ask your lead in the team calendar two weeks ahead.",
  ),
  handbookPage(
    workspaceId,
    "deploys.md",
    "Deploys",
    "# Deploys\n\nDeploys are frozen on Fridays after three in the afternoon.",
  ),
];

describe("the relevance gate in answerQuestion", () => {
  const grounded = useOllamaStandIn();
  const uncited = useOllamaStandIn({ reply: () => "Probably about three weeks, but ask around." });
  const store = useIndexedStore(workspaceId, documents, () => grounded().host);

  const dependencies = (host: string, withModel = true) =>
    answerDependencies({ store: store(), host, generate: withModel });

  it("answers a question the documents cover, asking the model", async () => {
    const before = grounded().requestsTo("/api/chat").length;
    const answer = await answerQuestion(dependencies(grounded().host), {
      workspaceId,
      question: "How many paid vacation days do we get?",
    });
    expect(answer.notCovered).toBeUndefined();
    expect(answer.mode).toBe("generated");
    expect(answer.text).toContain("twenty-five paid vacation days");
    expect(answer.evidence.gate).toMatchObject({ covered: true, threshold: relevanceThreshold });
    expect(answer.evidence.gate.relevance).toBeGreaterThanOrEqual(relevanceThreshold);
    expect(grounded().requestsTo("/api/chat").length).toBe(before + 1);
  });

  it("says the documents don't cover it, offers the closest pages, and never calls the model", async () => {
    const before = grounded().requestsTo("/api/chat").length;
    const answer = await answerQuestion(dependencies(grounded().host), {
      workspaceId,
      question: "Which catering company runs the Friday deploy party?",
    });
    expect(answer.text).toBe(notCoveredWithRelatedText);
    expect(answer.sources).toEqual([]);
    expect(answer.notCovered?.related.map((page) => page.title)).toContain("Deploys");
    expect(answer.notCovered?.related[0]).toMatchObject({ n: 1, url: "handbook/deploys.md" });
    expect(answer.model).toBeNull();
    expect(answer.evidence.attempts).toEqual([]);
    expect(answer.evidence.gate).toMatchObject({ covered: false, reason: "weak_evidence" });
    expect(answer.evidence.gate.relevance).toBeLessThan(relevanceThreshold);
    expect(grounded().requestsTo("/api/chat").length).toBe(before);
  });

  it("gates extractive answers the same way (no model configured)", async () => {
    const covered = await answerQuestion(dependencies(grounded().host, false), {
      workspaceId,
      question: "When are deploys frozen?",
    });
    expect(covered.notCovered).toBeUndefined();
    expect(covered.text).toContain("frozen on Fridays");
    const uncovered = await answerQuestion(dependencies(grounded().host, false), {
      workspaceId,
      question: "Which catering company runs the Friday deploy party?",
    });
    expect(uncovered.text).toBe(notCoveredWithRelatedText);
    expect(uncovered.mode).toBe("extractive");
    // The "no model configured" hint belongs to extractive answers, not to "not covered".
    expect(uncovered.note).toBeUndefined();
  });

  it("shows a generated answer that cites nothing as not covered, keeping the model's text in the record", async () => {
    const answer = await answerQuestion(dependencies(uncited().host), {
      workspaceId,
      question: "How many paid vacation days do we get?",
    });
    expect(uncited().requestsTo("/api/chat")).toHaveLength(1);
    expect(answer.notCovered).toBeDefined();
    expect(answer.text).toBe(notCoveredWithRelatedText);
    expect(answer.text).not.toContain("three weeks");
    expect(answer.mode).toBe("generated");
    expect(answer.model).toBe("gemma4:e4b");
    expect(answer.note).toContain("cited none");
    expect(answer.evidence.gate).toMatchObject({
      covered: false,
      reason: "uncited_answer",
      modelText: "Probably about three weeks, but ask around.",
    });
    expect(answer.notCovered?.related.map((page) => page.title)).toContain("Time off");
  });

  it("answers plainly, with nothing related, in an empty workspace", async () => {
    const answer = await answerQuestion(dependencies(grounded().host), {
      workspaceId: "gate-empty",
      question: "Who won the 1998 cup?",
    });
    expect(answer.text).toBe(notCoveredText);
    expect(answer.notCovered).toEqual({ related: [] });
    expect(answer.evidence.gate).toMatchObject({ covered: false, reason: "no_results", relevance: 0 });
  });
});

describe("served record", () => {
  const record = {
    promptVersion: "v1",
    system: "s",
    question: "q",
    searchQuery: "q",
    history: [],
    dense: false,
    passages: [],
    attempts: [],
    mode: "extractive",
    messageIds: ["m1"],
  };

  it("still reads records made before the gate existed", () => {
    expect(parseServedRecord(record).gate).toBeUndefined();
  });

  it("keeps what the gate decided", () => {
    const gate = {
      relevance: 0.2,
      threshold: relevanceThreshold,
      covered: false,
      reason: "weak_evidence",
      related: [{ n: 1, title: "Deploys", url: "handbook/deploys.md", documentId: "d1" }],
    };
    expect(parseServedRecord({ ...record, gate }).gate).toEqual(gate);
  });
});

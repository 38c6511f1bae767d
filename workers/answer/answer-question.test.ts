import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "#shared/errors/app-error.ts";
import { contentHash } from "#shared/knowledge/content-hash.ts";
import {
  answerDependencies,
  handbookPage,
  useIndexedStore,
  useOllamaStandIn,
} from "#test/answer/answer-test-kit.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { answerQuestion, notCoveredText } from "./answer-question.ts";
import { extractiveLabel } from "./extractive-answer.ts";

const workspaceId = "answers";
const documents = [
  handbookPage(
    workspaceId,
    "time-off.md",
    "Time off",
    "# Time off\n\nEveryone gets twenty-five paid vacation days every year. Unused days carry over until March.",
  ),
  handbookPage(
    workspaceId,
    "deploys.md",
    "Deploys",
    "# Deploys\n\nDeploys are frozen on Fridays after three in the afternoon.",
  ),
];

describe("answerQuestion", () => {
  const ollama = useOllamaStandIn();
  const store = useIndexedStore(workspaceId, documents, () => ollama().host);

  beforeAll(() => {
    for (const document of documents) expect(contentHash(document)).toMatch(/^[0-9a-f]{64}$/);
  });

  beforeEach(() => {
    ollama().failChat("gemma4:e4b", null);
    ollama().failChat("gemma4:e2b", null);
    ollama().setModels(["embeddinggemma:latest", "gemma4:e4b", "gemma4:e2b"]);
  });

  const dependencies = (host = ollama().host, timeoutMs = 5_000) =>
    answerDependencies({ store: store(), host, generate: true, timeoutMs });

  it("streams a generated answer and keeps only the sources it cites", async () => {
    const tokens: string[] = [];
    const answer = await answerQuestion(dependencies(), {
      workspaceId,
      question: "How many vacation days do we get?",
      onToken: (text) => tokens.push(text),
    });
    expect(answer.mode).toBe("generated");
    expect(answer.model).toBe("gemma4:e4b");
    expect(answer.text).toContain("twenty-five paid vacation days");
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join("").trim()).toBe(answer.text);
    expect(answer.sources).toEqual([
      expect.objectContaining({ n: 1, title: "Time off", url: "handbook/time-off.md" }),
    ]);
    expect(answer.usage.completionTokens).toBeGreaterThan(0);
    expect(answer.timings.totalMs).toBeGreaterThanOrEqual(answer.timings.retrievalMs);
    const chat = ollama().requestsTo("/api/chat").at(-1)?.body as { messages: { content: string }[] };
    expect(chat.messages[1]?.content).toContain("[1] Time off");
  });

  it("falls back to the smaller model when the main one fails", async () => {
    ollama().failChat("gemma4:e4b", 500);
    const answer = await answerQuestion(dependencies(), {
      workspaceId,
      question: "When are deploys frozen?",
    });
    expect(answer.mode).toBe("generated");
    expect(answer.model).toBe("gemma4:e2b");
  });

  it("answers extractively with an `ollama pull` hint when the models are not pulled", async () => {
    ollama().setModels(["embeddinggemma:latest"]);
    const answer = await answerQuestion(dependencies(), {
      workspaceId,
      question: "How many vacation days do we get?",
    });
    expect(answer.mode).toBe("extractive");
    expect(answer.model).toBeNull();
    expect(answer.text.startsWith(extractiveLabel)).toBe(true);
    expect(answer.text).toContain("twenty-five paid vacation days");
    expect(answer.text).toContain("[1]");
    expect(answer.sources[0]).toMatchObject({ n: 1, url: "handbook/time-off.md" });
    expect(answer.note).toContain("ollama pull gemma4:e4b");
  });

  it("answers extractively, naming the host it tried, when Ollama is unreachable", async () => {
    const host = await closedPortHost();
    const answer = await answerQuestion(dependencies(host), {
      workspaceId,
      question: "When are deploys frozen?",
    });
    expect(answer.mode).toBe("extractive");
    expect(answer.text).toContain("frozen on Fridays");
    expect(answer.note).toContain(host);
  });

  it("answers extractively when both models time out, and tells the stream to reset", async () => {
    ollama().failChat("gemma4:e4b", "stall");
    ollama().failChat("gemma4:e2b", "stall");
    let resets = 0;
    const answer = await answerQuestion(dependencies(ollama().host, 300), {
      workspaceId,
      question: "When are deploys frozen?",
      onReset: () => {
        resets += 1;
      },
    });
    expect(answer.mode).toBe("extractive");
    expect(answer.text.length).toBeGreaterThan(extractiveLabel.length);
    expect(resets).toBeGreaterThan(0);
  });

  it("understands a follow-up through the thread so far, in the prompt and in the search", async () => {
    const answer = await answerQuestion(dependencies(), {
      workspaceId,
      question: "and how long do they carry over?",
      history: [
        { role: "user", text: "How many paid vacation days do we get?" },
        { role: "assistant", text: "Twenty-five a year [1]." },
      ],
    });
    expect(answer.sources.map((source) => source.url)).toEqual(["handbook/time-off.md"]);
    const chat = ollama().requestsTo("/api/chat").at(-1)?.body as { messages: { content: string }[] };
    expect(chat.messages[1]?.content).toContain("Conversation so far");
    expect(chat.messages[1]?.content).toContain("User: How many paid vacation days do we get?");
    expect(chat.messages[1]?.content).toMatch(/Question: and how long do they carry over\?$/);
  });

  it("says plainly when nothing in the workspace matches", async () => {
    const answer = await answerQuestion(dependencies(), {
      workspaceId: "empty-workspace",
      question: "Who won the 1998 cup?",
    });
    expect(answer.text).toBe(notCoveredText);
    expect(answer.sources).toEqual([]);
  });

  it("rejects an empty question with a clear message", async () => {
    await expect(answerQuestion(dependencies(), { workspaceId, question: "   \n " })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("The question is empty"),
    });
  });

  it("rejects a 50,000-character question with its length and the limit", async () => {
    const error = await answerQuestion(dependencies(), {
      workspaceId,
      question: "why ".repeat(12_500),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain("49,999 characters");
    expect((error as AppError).message).toContain("4,000");
    expect(
      ollama()
        .requestsTo("/api/chat")
        .some((request) => JSON.stringify(request.body).includes("why why why")),
    ).toBe(false);
  });
});

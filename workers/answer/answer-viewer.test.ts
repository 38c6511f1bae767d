import { describe, expect, it } from "vitest";
import type { DocumentAccess, SourceDocument } from "#shared/knowledge/document.ts";
import { answerDependencies, useIndexedStore, useOllamaStandIn } from "#test/answer/answer-test-kit.ts";
import { type Answer, answerQuestion } from "./answer-question.ts";

const workspaceId = "answers-access";
const secret = "The wombat bonus is paid every June to the platform team.";

function doc(externalId: string, title: string, content: string, access: DocumentAccess): SourceDocument {
  return {
    workspaceId,
    source: "drive",
    externalId,
    title,
    url: `https://drive.test/${externalId}`,
    updatedAt: new Date(),
    content,
    access,
  };
}

const documents = [
  doc("bonus", "Wombat bonus", `# Wombat bonus\n\n${secret}`, { users: ["bob@example.com"] }),
  doc(
    "policy",
    "Wombat policy",
    "# Wombat policy\n\nThe wombat bonus policy is described by HR on request.",
    {
      domains: ["example.com"],
    },
  ),
];

/** Every place an answer could show a passage: text, sources, related pages, evidence. */
function shown(answer: Answer): string {
  return JSON.stringify({
    text: answer.text,
    sources: answer.sources,
    related: answer.notCovered?.related ?? [],
    passages: answer.evidence.passages,
  });
}

describe("answerQuestion with a viewer", () => {
  const ollama = useOllamaStandIn();
  const store = useIndexedStore(workspaceId, documents, () => ollama().host);

  const dependencies = (options: { generate: boolean; access?: "enforce" | "workspace" }) =>
    answerDependencies({ store: store(), host: ollama().host, ...options });
  const question = "When is the wombat bonus paid?";
  const lastPrompt = () => JSON.stringify(ollama().requestsTo("/api/chat").at(-1)?.body ?? null);

  it("answers bob from the document shared with him", async () => {
    const answer = await answerQuestion(dependencies({ generate: true }), {
      workspaceId,
      question,
      viewer: { email: "bob@example.com" },
    });
    expect(lastPrompt()).toContain(secret);
    expect(answer.sources.map((source) => source.title)).toContain("Wombat bonus");
  });

  it("never lets alice's prompt, sources or related pages hold bob's document", async () => {
    const before = ollama().requestsTo("/api/chat").length;
    const answer = await answerQuestion(dependencies({ generate: true }), {
      workspaceId,
      question,
      viewer: { email: "alice@example.com" },
    });
    const prompts = ollama().requestsTo("/api/chat").slice(before);
    for (const prompt of prompts) expect(JSON.stringify(prompt.body)).not.toContain("June");
    expect(shown(answer)).not.toContain("June");
    expect(shown(answer)).not.toContain("Wombat bonus");
    expect(answer.evidence.passages.map((passage) => passage.title)).toEqual(["Wombat policy"]);
  });

  it("keeps the extractive answer to what the asker may see, an unknown email included", async () => {
    for (const viewer of [{ email: "alice@example.com" }, {}]) {
      const answer = await answerQuestion(dependencies({ generate: false }), {
        workspaceId,
        question,
        viewer,
      });
      expect(answer.mode).toBe("extractive");
      expect(shown(answer)).not.toContain("June");
      expect(shown(answer)).toContain("Wombat policy");
    }
    const outsider = await answerQuestion(dependencies({ generate: false }), {
      workspaceId,
      question,
      viewer: { email: "carol@other.com" },
    });
    expect(outsider.evidence.passages).toEqual([]);
    expect(outsider.sources).toEqual([]);
  });

  it("with DRIVE_ACCESS=workspace ignores the asker; without a viewer the operator sees all", async () => {
    const asWorkspace = await answerQuestion(dependencies({ generate: false, access: "workspace" }), {
      workspaceId,
      question,
      viewer: { email: "carol@other.com" },
    });
    expect(shown(asWorkspace)).toContain("June");
    const operator = await answerQuestion(dependencies({ generate: false }), { workspaceId, question });
    expect(shown(operator)).toContain("June");
  });
});

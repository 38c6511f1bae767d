import type { ServedRecord } from "../shared/answers/served-record.ts";
import type { Db } from "../shared/db/database.ts";
import { answers, approvals, documents, questions } from "../shared/db/schema.ts";
import { promptVersion, systemPrompt } from "../workers/answer/build-prompt.ts";

/**
 * A generated workspace of approved answers shaped like real ones: six passages per prompt (ANSWER_TOP_K)
 * of 700–1,900 characters (chunks of up to ~450 tokens), one or two cited; some questions asked again
 * in other case and punctuation, some corrected, some follow-ups with history, some carrying emails,
 * phone numbers and tokens. Seeded, so every run builds the same set.
 */
export async function seedApprovedAnswers(db: Db, workspaceId: string, count: number): Promise<void> {
  let state = 42;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(vocabulary));
    return `${words.join(" ").replace(/^./, (first) => first.toUpperCase())}.`;
  };
  const paragraph = (characters: number) => {
    let text = "";
    while (text.length < characters) text += `${sentence()} `;
    return text.trim();
  };

  const documentCount = Math.max(10, Math.round(count / 3));
  const chunksPerDocument = 4;
  const start = Date.UTC(2026, 0, 1);
  const documentRows = Array.from({ length: documentCount }, (_, index) => ({
    id: `${workspaceId}:doc-${index}`,
    workspaceId,
    source: "files",
    externalId: `doc-${index}`,
    title: `${pick(topics)} ${pick(subjects)} ${index}`,
    url: `https://wiki.example.com/doc-${index}`,
    updatedAt: new Date(start),
    contentHash: `hash-${index}`,
  }));
  const chunkText = new Map<string, string>();
  const chunk = (documentIndex: number, chunkIndex: number) => {
    const key = `${documentIndex}#${chunkIndex}`;
    let text = chunkText.get(key);
    if (text === undefined) {
      text = paragraph(700 + Math.floor(random() * 1200));
      if (random() < 0.02)
        text += ` Contact ${pick(people)}@example.com or +34 612 ${100 + (documentIndex % 900)} 678.`;
      if (random() < 0.01) text += ` Bot token xoxb-${documentIndex}1234567890-AbCdEfGhIjKlMnOp.`;
      chunkText.set(key, text);
    }
    return text;
  };

  const questionRows: (typeof questions.$inferInsert)[] = [];
  const answerRows: (typeof answers.$inferInsert)[] = [];
  const approvalRows: (typeof approvals.$inferInsert)[] = [];
  for (let index = 0; index < count; index++) {
    const askedAt = new Date(start + index * 60_000);
    const repeat =
      index > 20 && random() < 0.1 ? questionRows[Math.floor(random() * questionRows.length)] : undefined;
    const question = repeat
      ? `${repeat.text.toLowerCase().replace(/\?$/, "")}!!`
      : `How does the ${pick(topics)} ${pick(subjects)} work for the ${pick(teams)} team in ${pick(places)} (${index})?`;
    const history =
      random() < 0.1
        ? [
            { role: "user" as const, text: `What about ${pick(topics)} ${pick(subjects)}?` },
            { role: "assistant" as const, text: `${sentence()} [1]` },
          ]
        : [];
    const cited = 1 + Math.floor(random() * 2);
    const passages = Array.from({ length: 6 }, (_, position) => {
      const documentIndex = Math.floor(random() * documentCount);
      const chunkIndex = Math.floor(random() * chunksPerDocument);
      const document = documentRows[documentIndex] as (typeof documentRows)[number];
      return {
        n: position + 1,
        chunkId: `${document.id}#${chunkIndex}`,
        documentId: document.id,
        contentHash: document.contentHash,
        source: "files",
        chunkIndex,
        title: document.title,
        url: document.url,
        text: chunk(documentIndex, chunkIndex),
        score: 1 / (position + 1),
      };
    });
    const answer =
      `${sentence()} [1] ${cited === 2 ? `${sentence()} [2]` : ""} ${random() < 0.03 ? `Ask ${pick(people)}@example.com.` : ""}`.trim();
    const served: ServedRecord = {
      promptVersion,
      system: systemPrompt,
      question,
      searchQuery: history.length > 0 ? `${history[0]?.text} ${question}` : question,
      history,
      dense: true,
      passages,
      attempts: [{ model: "gemma4:e4b", outcome: "ok", durationMs: 1200 }],
      mode: "generated",
      messageIds: [`m${index}`],
    };
    const id = `${workspaceId}-q${index}`;
    const citedPassages = passages.slice(0, cited);
    questionRows.push({
      id,
      workspaceId,
      platform: "slack",
      eventId: `${workspaceId}-e${index}`,
      text: question,
      createdAt: askedAt,
    });
    answerRows.push({
      questionId: id,
      mode: "generated",
      model: "gemma4:e4b",
      text: answer,
      sources: citedPassages.map((passage) => ({
        n: passage.n,
        title: passage.title,
        url: passage.url,
        documentId: passage.documentId,
      })),
      served,
      createdAt: askedAt,
    });
    approvalRows.push({
      questionId: id,
      approvedByPlatform: "slack",
      approvedBy: "U1",
      correctedText: random() < 0.05 ? `${sentence()} [1]` : null,
      pins: [...new Map(citedPassages.map((passage) => [passage.documentId, passage])).values()].map(
        (passage) => ({
          documentId: passage.documentId,
          contentHash: passage.contentHash,
          title: passage.title,
        }),
      ),
      pinnedAt: askedAt,
      createdAt: askedAt,
      updatedAt: askedAt,
    });
  }
  for (let offset = 0; offset < documentRows.length; offset += 500) {
    await db.insert(documents).values(documentRows.slice(offset, offset + 500));
  }
  for (let offset = 0; offset < count; offset += 250) {
    await db.insert(questions).values(questionRows.slice(offset, offset + 250));
    await db.insert(answers).values(answerRows.slice(offset, offset + 250));
    await db.insert(approvals).values(approvalRows.slice(offset, offset + 250));
  }
}

const topics = [
  "vacation",
  "expense",
  "laptop",
  "onboarding",
  "parking",
  "security",
  "payroll",
  "travel",
  "hiring",
  "backup",
  "deploy",
  "incident",
  "invoice",
  "contract",
  "badge",
  "pension",
];
const subjects = [
  "policy",
  "process",
  "request",
  "approval",
  "budget",
  "checklist",
  "rota",
  "limit",
  "form",
  "review",
];
const teams = ["sales", "support", "platform", "finance", "design", "legal", "data", "people"];
const places = ["Madrid", "Berlin", "Lisbon", "Austin", "Toronto", "Dublin"];
const people = ["ana", "bob", "carla", "dev", "eva", "farid", "support", "hr"];
const vocabulary = (
  "the team requests approval before any purchase above the monthly limit and keeps every receipt " +
  "for the finance review each quarter while managers check that the budget code matches the project " +
  "new employees receive a laptop on their first day together with access to the handbook and the " +
  "shared calendar where holidays and office closures are published by the people team every year " +
  "incidents are reported in the channel within one hour and the on call engineer writes a short " +
  "summary that explains the cause the impact on customers and the steps taken to prevent it again " +
  "travel is booked through the portal at least two weeks ahead economy class for flights under six " +
  "hours hotels within the city limit and meals are reimbursed up to the daily allowance of the country"
).split(" ");

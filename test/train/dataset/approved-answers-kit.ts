import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { ServedRecord } from "#shared/answers/served-record.ts";
import type { Db } from "#shared/db/database.ts";
import { recordApproval } from "#shared/db/feedback-repository.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import { type AnswerMode, approvals, documents } from "#shared/db/schema.ts";
import type { ConversationTurn } from "#shared/platform/platform.ts";
import { promptVersion, systemPrompt } from "#workers/answer/build-prompt.ts";

/**
 * One passage of a fixture answer's prompt: documents are created (hash "v1") as needed, their ids
 * prefixed with the workspace so workspaces sharing a test database never share a document.
 */
export interface FixturePassage {
  documentId: string;
  title: string;
  text: string;
}

export interface ApprovedAnswerFixture {
  question: string;
  /** The answer as served; cite passages as [n] in prompt order. */
  answer: string;
  passages: FixturePassage[];
  corrected?: string;
  history?: ConversationTurn[];
  system?: string;
  /** When the question was asked (and the approval given, unless `approvedAt`). */
  askedAt?: Date;
  approvedAt?: Date;
  /** Default "generated"; "approved" = served from the answer bank. */
  mode?: AnswerMode;
  /** False: an answer recorded before served records existed. */
  withServedRecord?: boolean;
}

/** The served record the answer worker would have stored for this prompt. */
export function fixtureServedRecord(workspaceId: string, fixture: ApprovedAnswerFixture): ServedRecord {
  return {
    promptVersion,
    system: fixture.system ?? systemPrompt,
    question: fixture.question,
    searchQuery: fixture.history?.length
      ? `${fixture.history.at(-1)?.text ?? ""} ${fixture.question}`
      : fixture.question,
    history: fixture.history ?? [],
    dense: true,
    passages: fixture.passages.map((passage, index) => ({
      n: index + 1,
      chunkId: `${workspaceId}:${passage.documentId}#${hashOf(passage.text)}`,
      documentId: `${workspaceId}:${passage.documentId}`,
      contentHash: "v1",
      source: "files",
      chunkIndex: 0,
      title: passage.title,
      url: `https://wiki.example.com/${passage.documentId}`,
      text: passage.text,
      score: 1 / (index + 1),
    })),
    attempts: [{ model: "gemma4:e4b", outcome: "ok", durationMs: 900 }],
    mode: fixture.mode ?? "generated",
    messageIds: ["m1"],
  };
}

/**
 * A question, its answer with a served record, and an approval pinned to the cited documents' "v1"
 * hashes, as the review service leaves them. Returns the question id.
 */
export async function addApprovedAnswer(
  db: Db,
  workspaceId: string,
  fixture: ApprovedAnswerFixture,
): Promise<string> {
  const askedAt = fixture.askedAt ?? new Date();
  for (const passage of fixture.passages) {
    await db
      .insert(documents)
      .values({
        id: `${workspaceId}:${passage.documentId}`,
        workspaceId,
        source: "files",
        externalId: passage.documentId,
        title: passage.title,
        url: `https://wiki.example.com/${passage.documentId}`,
        updatedAt: askedAt,
        contentHash: "v1",
      })
      .onConflictDoNothing();
  }
  const { id } = await recordQuestion(db, {
    workspaceId,
    platform: "cli",
    eventId: randomUUID(),
    text: fixture.question,
    createdAt: askedAt,
  });
  const served = fixtureServedRecord(workspaceId, fixture);
  const cited = [...fixture.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
  const sources = fixture.passages
    .map((passage, index) => ({
      n: index + 1,
      title: passage.title,
      url: "",
      documentId: `${workspaceId}:${passage.documentId}`,
    }))
    .filter((source) => cited.includes(source.n));
  await recordAnswer(db, {
    questionId: id,
    mode: fixture.mode ?? "generated",
    model: "gemma4:e4b",
    text: fixture.answer,
    sources,
    served: fixture.withServedRecord === false ? null : served,
    createdAt: askedAt,
  });
  await recordApproval(db, {
    questionId: id,
    approver: { platform: "cli", userId: "lead" },
    correctedText: fixture.corrected ?? null,
  });
  const approvedAt = fixture.approvedAt ?? askedAt;
  const pins = [...new Map(sources.map((source) => [source.documentId, source])).values()].map((source) => ({
    documentId: source.documentId,
    title: source.title,
    contentHash: "v1",
  }));
  await db
    .update(approvals)
    .set({ pins, pinnedAt: approvedAt, updatedAt: approvedAt, createdAt: approvedAt })
    .where(eq(approvals.questionId, id));
  return id;
}

/** Changes a document's content hash: approvals pinned to it become stale. */
export async function changeDocument(db: Db, workspaceId: string, documentId: string): Promise<void> {
  await db
    .update(documents)
    .set({ contentHash: sql`${documents.contentHash} || '+'` })
    .where(eq(documents.id, `${workspaceId}:${documentId}`));
}

const topics = [
  "vacation",
  "expenses",
  "laptop",
  "onboarding",
  "parking",
  "security",
  "payroll",
  "benefits",
  "travel",
  "training",
  "deployments",
  "incidents",
  "hiring",
  "offboarding",
  "insurance",
  "pension",
  "mentoring",
  "budgets",
  "invoices",
  "contracts",
  "holidays",
  "equipment",
  "badges",
  "visitors",
  "printing",
  "recycling",
  "wellness",
  "relocation",
  "promotions",
  "feedback",
  "meetings",
  "backups",
  "passwords",
  "licenses",
  "vendors",
  "audits",
  "shipping",
  "refunds",
  "warranty",
  "support",
];
const places = ["Madrid", "Berlin", "Lisbon", "Austin", "Toronto", "Dublin", "Nairobi", "Osaka"];

/**
 * `count` approved answers to distinct questions, each citing its own document among two others of
 * the same workspace: the bulk of a realistic set, distinct enough that none are near duplicates.
 */
export function distinctFixtures(
  count: number,
  start = new Date("2026-01-01T00:00:00Z"),
): ApprovedAnswerFixture[] {
  return Array.from({ length: count }, (_, index) => {
    const topic = topics[index % topics.length] as string;
    const place = places[Math.floor(index / topics.length) % places.length] as string;
    const own = `doc-${topic}-${place}`.toLowerCase();
    const neighbour = `doc-${topics[(index + 7) % topics.length]}-${place}`.toLowerCase();
    return {
      question: `What is the ${topic} rule at the ${place} office?`,
      answer: `At the ${place} office the ${topic} rule is rule ${index + 1} [1].`,
      passages: [
        {
          documentId: own,
          title: `${topic} in ${place}`,
          text: `The ${topic} rule at the ${place} office is rule ${index + 1}. It applies to everyone.`,
        },
        {
          documentId: neighbour,
          title: `Notes ${index}`,
          text: `Unrelated notes number ${index} about the cafeteria menu and the weekly quiz.`,
        },
      ],
      askedAt: new Date(start.getTime() + index * 60_000),
    };
  });
}

function hashOf(text: string): string {
  let hash = 0;
  for (const character of text) hash = (Math.imul(hash, 31) + (character.codePointAt(0) ?? 0)) | 0;
  return (hash >>> 0).toString(16);
}

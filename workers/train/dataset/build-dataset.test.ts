import { randomUUID } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetSplits } from "#shared/db/schema.ts";
import { type AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { ChatMessage } from "#shared/model/chat-model.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  addApprovedAnswer,
  changeDocument,
  distinctFixtures,
  fixtureServedRecord,
} from "#test/train/dataset/approved-answers-kit.ts";
import { rebuildPrompt } from "#workers/answer/rebuild-prompt.ts";
import { buildDataset, type DatasetDependencies } from "./build-dataset.ts";
import { loadGemmaTokenizer } from "./gemma-tokenizer.ts";
import { refusalTexts } from "./refusal-text.ts";

type Line = { messages: ChatMessage[] };

async function readLines(dir: string, split: string): Promise<Line[]> {
  const text = await readFile(join(dir, `${split}.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Line);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected the build to fail");
}

describe.each(testDatabaseBackends)("buildDataset on $kind", (backend) => {
  const db = useTestDatabase(backend);
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp?.remove();
  });

  const deps = (settings: Partial<DatasetDependencies["settings"]> = {}): DatasetDependencies => ({
    db: db(),
    tokenizer: loadGemmaTokenizer,
    settings: { maxSeqTokens: 2048, batchSize: 1, ...settings },
  });
  const workspace = () => `ws-${randomUUID().slice(0, 8)}`;
  const outDir = () => join(temp.path, randomUUID());

  it("writes each approved answer as its served prompt with the approved or corrected text, in MLX chat JSONL", async () => {
    const workspaceId = workspace();
    const fixtures = distinctFixtures(30);
    const ids: string[] = [];
    for (const fixture of fixtures) ids.push(await addApprovedAnswer(db(), workspaceId, fixture));
    const correctedFixture = {
      question: "How do I book a meeting room?",
      answer: "Ask the front desk [1].",
      corrected: "Book it in the calendar under Rooms [1].",
      history: [
        { role: "user" as const, text: "Where are the rooms?" },
        { role: "assistant" as const, text: "On the second floor [1]." },
      ],
      passages: [
        { documentId: "rooms", title: "Rooms", text: "Rooms are booked in the calendar under Rooms." },
      ],
    };
    const correctedId = await addApprovedAnswer(db(), workspaceId, correctedFixture);
    const dir = outDir();

    const result = await buildDataset(deps(), { workspaceId, outDir: dir });

    const lines = [
      ...(await readLines(dir, "train")),
      ...(await readLines(dir, "valid")),
      ...(await readLines(dir, "test")),
    ];
    expect(result.train + result.valid + result.test).toBe(lines.length);
    expect(result.valid).toBeGreaterThan(0);
    expect(result.test).toBeGreaterThan(0);
    const manifest = JSON.parse(await readFile(join(dir, "dataset.json"), "utf8"));
    expect(manifest.examples.train).toHaveLength(result.train);
    expect(manifest.tokenizer).toMatch(/gemma3/);
    expect(manifest.approvalsUntil).toBe(result.approvalsUntil.toISOString());
    expect(Object.keys(manifest.splits).sort()).toEqual([...ids, correctedId].sort());

    // Every approved answer keeps its own example, exactly as served.
    const approvedEntries = (["train", "valid", "test"] as const).flatMap((split) =>
      (manifest.examples[split] as { questionId: string; kind: string }[])
        .map((entry, index) => ({ ...entry, split, index }))
        .filter((entry) => entry.kind === "approved"),
    );
    expect(approvedEntries.map((entry) => entry.questionId).sort()).toEqual([...ids, correctedId].sort());
    for (const entry of approvedEntries) {
      const [line] = (await readLines(dir, entry.split)).slice(entry.index, entry.index + 1);
      const fixture =
        entry.questionId === correctedId ? correctedFixture : fixtures[ids.indexOf(entry.questionId)];
      if (!line || !fixture) throw new Error("missing line");
      const expected = [
        ...rebuildPrompt(fixtureServedRecord(workspaceId, fixture)),
        {
          role: "assistant",
          content: entry.questionId === correctedId ? correctedFixture.corrected : fixture.answer,
        },
      ];
      expect(line.messages).toEqual(expected);
    }

    // Real token counts, each within the budget; the longest is reported.
    const tokenizer = await loadGemmaTokenizer();
    const counts = lines.map((line) => tokenizer.countChat(line.messages));
    expect(result.maxTokens).toBe(Math.max(...counts));
    expect(result.maxTokens).toBeLessThanOrEqual(2048);
    expect(JSON.stringify(lines)).toContain("Conversation so far");
  });

  it("adds RAFT copies: cited passages among other documents' passages, renumbered; refusals with only those", async () => {
    const workspaceId = workspace();
    for (const fixture of distinctFixtures(40)) await addApprovedAnswer(db(), workspaceId, fixture);
    const spanishId = await addApprovedAnswer(db(), workspaceId, {
      question: "¿Cuántos días de vacaciones tengo al año en la oficina de Sevilla?",
      answer: "Tienes veintidós días al año [1].",
      passages: [
        {
          documentId: "vacaciones-sevilla",
          title: "Vacaciones Sevilla",
          text: "En Sevilla son veintidós días al año.",
        },
      ],
    });
    const dir = outDir();
    const result = await buildDataset(deps(), { workspaceId, outDir: dir });
    expect(result.distractorExamples).toBeGreaterThan(5);
    expect(result.refusals).toBeGreaterThan(3);

    const manifest = JSON.parse(await readFile(join(dir, "dataset.json"), "utf8"));
    let distractorsChecked = 0;
    let refusalsChecked = 0;
    for (const split of ["train", "valid", "test"] as const) {
      const lines = await readLines(dir, split);
      const entries = manifest.examples[split] as { questionId: string; kind: string }[];
      entries.forEach((entry, index) => {
        const messages = (lines[index] as Line).messages;
        const prompt = messages[1]?.content ?? "";
        const answer = messages[2]?.content ?? "";
        const question = /Question: (.*)$/.exec(prompt)?.[1] ?? "";
        const office = /at the (\w+) office|oficina de (\w+)/.exec(question);
        const place = office?.[1] ?? office?.[2] ?? "";
        const topic = /the (\w+) rule/.exec(question)?.[1];
        if (entry.kind === "distractor") {
          distractorsChecked++;
          const cited = Number(/\[(\d+)\]/.exec(answer)?.[1]);
          const sources = (prompt.split("\n\nQuestion:")[0] ?? "")
            .split(/\n\n(?=\[\d+\] )/)
            .filter((block) => /^\[\d+\] /.test(block));
          expect(sources.length).toBeGreaterThan(1);
          const citedSource = sources.find((block) => block.startsWith(`[${cited}] `)) ?? "";
          // The citation follows its passage to wherever the shuffle put it.
          expect(citedSource).toContain(topic ? `The ${topic} rule at the ${place} office` : "veintidós");
          // No other passage from the cited document.
          expect(
            sources.filter((block) => block.includes(topic ? `${topic} in ${place}` : "Sevilla")),
          ).toHaveLength(1);
        }
        if (entry.kind === "refusal") {
          refusalsChecked++;
          expect(answer).toBe(entry.questionId === spanishId ? refusalTexts.es : refusalTexts.en);
          expect(prompt.split("Question:")[0]).not.toContain(
            topic ? `${topic} in ${place}` : "Vacaciones Sevilla",
          );
        }
      });
    }
    expect(distractorsChecked).toBe(result.distractorExamples);
    expect(refusalsChecked).toBe(result.refusals);
  });

  it("rebuilds byte for byte the same files from the same approvals", async () => {
    const workspaceId = workspace();
    for (const fixture of distinctFixtures(25)) await addApprovedAnswer(db(), workspaceId, fixture);
    const first = outDir();
    const second = outDir();
    await buildDataset(deps(), { workspaceId, outDir: first });
    await buildDataset(deps(), { workspaceId, outDir: second });
    for (const file of ["train.jsonl", "valid.jsonl", "test.jsonl", "dataset.json"]) {
      expect(await readFile(join(second, file), "utf8")).toBe(await readFile(join(first, file), "utf8"));
    }
  });

  it("leaves no email address, phone number or token in any file, and counts what it replaced", async () => {
    const workspaceId = workspace();
    for (const fixture of distinctFixtures(20)) await addApprovedAnswer(db(), workspaceId, fixture);
    await addApprovedAnswer(db(), workspaceId, {
      question: "Who do I email about payroll, jane.doe@acme.com?",
      history: [
        {
          role: "user",
          text: "My Slack bot token xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx broke",
        },
        { role: "assistant", text: "Call the help desk at +34 612 345 678." },
      ],
      system: "You are Sabio. Escalations: ops@acme.com.",
      answer: "Write to payroll@acme.com or call +34 612 345 678 [1].",
      corrected:
        "Write to payroll@acme.com, call +1 (555) 010-9999, Stripe key sk_live_51HxYzAbCdEfGhIjKlMnOp [1].",
      passages: [
        {
          documentId: "payroll-contacts",
          title: "Payroll contacts (hr@acme.com)",
          text: "Payroll: payroll@acme.com, tel: 912 345 678. Notion token secret_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abc, Google ya29.a0AfH6SMBxExampleTokenValue and key AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY; webhook whsec_abcdefghijklmnopqrstuv123; refresh 1//0gLx0mXn7kQwCgYIARAAGBASNwF; signing 3f786850e387550fdab836ed7e6dc881de23001b.",
        },
      ],
    });
    const dir = outDir();
    const result = await buildDataset(deps(), { workspaceId, outDir: dir });
    expect(result.skipped).toEqual([]);

    const forbidden = [
      /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/,
      /xox[abposr]-|xapp-|sk_live_|sk_test_|rk_live_|whsec_|ya29\.|AIza|1\/\/0|secret_[A-Za-z0-9]|ntn_/,
      /612 345 678|912 345 678|555\) 010/,
      /[0-9a-f]{32,}/,
    ];
    let text = "";
    for (const file of ["train.jsonl", "valid.jsonl", "test.jsonl", "dataset.json"]) {
      text += await readFile(join(dir, file), "utf8");
    }
    for (const pattern of forbidden) expect(text).not.toMatch(pattern);
    expect(text).toContain("[email]");
    expect(text).toContain("[phone]");
    expect(text).toContain("[secret]");
    const manifest = JSON.parse(await readFile(join(dir, "dataset.json"), "utf8"));
    expect(manifest.scrubbed.email).toBeGreaterThanOrEqual(6);
    expect(manifest.scrubbed.phone).toBeGreaterThanOrEqual(3);
    expect(manifest.scrubbed).toMatchObject({
      slack_token: 1,
      stripe_key: 2,
      notion_token: 1,
      google_token: 3,
    });
  });

  it("collapses a question asked again in another case and punctuation into one cluster, training on the newest approval", async () => {
    const workspaceId = workspace();
    for (const fixture of distinctFixtures(20)) await addApprovedAnswer(db(), workspaceId, fixture);
    const passages = [{ documentId: "vpn", title: "VPN", text: "Reset the VPN password on the portal." }];
    const older = await addApprovedAnswer(db(), workspaceId, {
      question: "How do I reset my VPN password?",
      answer: "On the portal [1].",
      passages,
      askedAt: new Date("2026-02-01T00:00:00Z"),
    });
    const newer = await addApprovedAnswer(db(), workspaceId, {
      question: "how do i RESET my vpn password",
      answer: "Open the portal and choose Reset [1].",
      passages,
      askedAt: new Date("2026-02-02T00:00:00Z"),
    });
    const dir = outDir();
    const result = await buildDataset(deps(), { workspaceId, outDir: dir });
    expect(result.skipped).toEqual([{ questionId: older, reason: `duplicate of ${newer}` }]);
    const manifest = JSON.parse(await readFile(join(dir, "dataset.json"), "utf8"));
    expect(manifest.splits[older]).toBe(manifest.splits[newer]);
    const examples = Object.values(manifest.examples).flat() as { questionId: string }[];
    expect(examples.some((entry) => entry.questionId === older)).toBe(false);
    expect(examples.some((entry) => entry.questionId === newer)).toBe(true);
    const rows = await db().select().from(datasetSplits).where(eq(datasetSplits.workspaceId, workspaceId));
    const olderRow = rows.find((row) => row.questionId === older);
    const newerRow = rows.find((row) => row.questionId === newer);
    expect(olderRow?.cluster).toBe(newerRow?.cluster);
  });

  it("keeps the test split frozen across runs; a new near duplicate of a test question joins test", async () => {
    const workspaceId = workspace();
    const fixtures = distinctFixtures(60);
    const ids: string[] = [];
    for (const fixture of fixtures.slice(0, 40))
      ids.push(await addApprovedAnswer(db(), workspaceId, fixture));
    const first = await buildDataset(deps(), { workspaceId, outDir: outDir() });
    const firstSplits = first.manifest.splits;
    const testId = ids.find((id) => firstSplits[id] === "test");
    const testFixture = fixtures[ids.indexOf(testId ?? "")];
    if (!testId || !testFixture) throw new Error("no question went to test");

    // New approvals, one of them the test question asked again in other case and punctuation.
    for (const fixture of fixtures.slice(40)) await addApprovedAnswer(db(), workspaceId, fixture);
    const rephrased = await addApprovedAnswer(db(), workspaceId, {
      ...testFixture,
      question: `${testFixture.question.toUpperCase().replace("?", "")}!!`,
      answer: "Still the same rule [1].",
    });
    const second = await buildDataset(deps(), { workspaceId, outDir: outDir() });
    for (const [questionId, split] of Object.entries(firstSplits)) {
      expect(second.manifest.splits[questionId]).toBe(split);
    }
    expect(second.manifest.splits[rephrased]).toBe("test");
    const rows = await db()
      .select()
      .from(datasetSplits)
      .where(
        and(
          eq(datasetSplits.workspaceId, workspaceId),
          inArray(datasetSplits.questionId, [testId, rephrased]),
        ),
      );
    expect(rows).toHaveLength(2);
    expect(rows[0]?.cluster).toBe(rows[1]?.cluster);
    expect(rows.map((row) => row.split)).toEqual(["test", "test"]);
  });

  it("refuses a workspace without approvals, and one whose approvals are all stale, writing nothing", async () => {
    const empty = workspace();
    const dir = outDir();
    const none = await failure(buildDataset(deps(), { workspaceId: empty, outDir: dir }));
    expect(none.code).toBe(ErrorCode.NotFound);
    expect(none.message).toContain("no approved answers");

    const staleWorkspace = workspace();
    for (const fixture of distinctFixtures(3)) await addApprovedAnswer(db(), staleWorkspace, fixture);
    for (const fixture of distinctFixtures(3)) {
      await changeDocument(db(), staleWorkspace, fixture.passages[0]?.documentId ?? "");
    }
    const stale = await failure(buildDataset(deps(), { workspaceId: staleWorkspace, outDir: dir }));
    expect(stale.code).toBe(ErrorCode.InvalidInput);
    expect(stale.message).toContain("3 stale");
    expect(stale.hint).toContain("--state stale");
    await expect(stat(join(dir, "train.jsonl"))).rejects.toThrow();
  });

  it("leaves stale approvals out with their reason, and those without a served record or served from the bank", async () => {
    const workspaceId = workspace();
    const [oldFixture, bankFixture, ...fixtures] = distinctFixtures(22);
    if (!oldFixture || !bankFixture) throw new Error("no fixtures");
    const ids: string[] = [];
    for (const fixture of fixtures) ids.push(await addApprovedAnswer(db(), workspaceId, fixture));
    await changeDocument(db(), workspaceId, fixtures[0]?.passages[0]?.documentId ?? "");
    const old = await addApprovedAnswer(db(), workspaceId, { ...oldFixture, withServedRecord: false });
    const bank = await addApprovedAnswer(db(), workspaceId, { ...bankFixture, mode: "approved" });
    const result = await buildDataset(deps(), { workspaceId, outDir: outDir() });
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { questionId: ids[0], reason: `stale: ${fixtures[0]?.passages[0]?.title} changed` },
        { questionId: old, reason: "no served record (answered before served records were kept)" },
        { questionId: bank, reason: "served from the answer bank (the approval it reused is the example)" },
      ]),
    );
    expect(result.manifest.splits[ids[0] as string]).toBeUndefined();
  });

  it("skips an answer too long for the budget and shortens a context that is, never the answer", async () => {
    const workspaceId = workspace();
    for (const fixture of distinctFixtures(20)) await addApprovedAnswer(db(), workspaceId, fixture);
    const hugeAnswer = await addApprovedAnswer(db(), workspaceId, {
      question: "Can you recite the whole security handbook?",
      answer: `${"Every door stays locked and badges are worn at all times. ".repeat(80)}[1]`,
      passages: [{ documentId: "handbook", title: "Handbook", text: "Doors stay locked." }],
    });
    const longAnswer = "Expenses are filed within thirty days with the receipt attached [2].";
    const hugeContext = await addApprovedAnswer(db(), workspaceId, {
      question: "When are expenses filed?",
      answer: longAnswer,
      history: Array.from({ length: 6 }, (_, index) => ({
        role: index % 2 === 0 ? ("user" as const) : ("assistant" as const),
        text: `Earlier turn ${index} about the quarterly planning offsite and its agenda. `.repeat(8),
      })),
      passages: Array.from({ length: 6 }, (_, index) => ({
        documentId: `expense-${index}`,
        title: `Expense page ${index}`,
        text: `${index === 1 ? "Expenses are filed within thirty days with the receipt attached. " : ""}${"Finance keeps records of every purchase for audits and reviews. ".repeat(40)}`,
      })),
    });
    const dir = outDir();
    const result = await buildDataset(deps({ maxSeqTokens: 700 }), { workspaceId, outDir: dir });
    const skipped = result.skipped.find((entry) => entry.questionId === hugeAnswer);
    expect(skipped?.reason).toMatch(
      /^answer over budget: the question and answer alone take \d+ tokens \(TRAIN_MAX_SEQ_TOKENS 700\)$/,
    );
    expect(result.maxTokens).toBeLessThanOrEqual(700);

    const split = result.manifest.splits[hugeContext] as "train" | "valid" | "test";
    const entries = result.manifest.examples[split];
    const index = entries.findIndex((entry) => entry.questionId === hugeContext && entry.kind === "approved");
    expect(entries[index]?.shortened).toBe(true);
    expect(result.manifest.counts.shortened).toBeGreaterThanOrEqual(1);
    const line = (await readLines(dir, split))[index] as Line;
    const prompt = line.messages[1]?.content ?? "";
    const cited = Number(/\[(\d+)\]/.exec(line.messages[2]?.content ?? "")?.[1]);
    expect(line.messages[2]?.content).toBe(longAnswer.replace("[2]", `[${cited}]`));
    expect(prompt).toMatch(
      new RegExp(`\\[${cited}\\] Expense page 1\\nExpenses are filed within thirty days`),
    );
    const tokenizer = await loadGemmaTokenizer();
    expect(tokenizer.countChat(line.messages)).toBeLessThanOrEqual(700);
  });

  it("stops with a clear message when a split would have fewer examples than the batch size", async () => {
    const workspaceId = workspace();
    for (const fixture of distinctFixtures(12)) await addApprovedAnswer(db(), workspaceId, fixture);
    const dir = outDir();
    const error = await failure(buildDataset(deps({ batchSize: 4 }), { workspaceId, outDir: dir }));
    expect(error.code).toBe(ErrorCode.InvalidInput);
    expect(error.message).toMatch(
      /the (valid|test) split has \d example.*at least TRAIN_BATCH_SIZE \(4\).*12 distinct approved questions now, about \d+ are needed \(\d+ more approvals?\)/,
    );
    await expect(stat(join(dir, "dataset.json"))).rejects.toThrow();
  });

  it("says so when --out is a file or can't be created", async () => {
    const workspaceId = workspace();
    for (const fixture of distinctFixtures(3)) await addApprovedAnswer(db(), workspaceId, fixture);
    const file = join(temp.path, `${randomUUID()}.txt`);
    await writeFile(file, "not a folder");
    const isFile = await failure(buildDataset(deps(), { workspaceId, outDir: file }));
    expect(isFile.code).toBe(ErrorCode.InvalidInput);
    expect(isFile.message).toBe(`The dataset folder ${file} is a file, not a folder.`);
    const inside = await failure(buildDataset(deps(), { workspaceId, outDir: join(file, "dataset") }));
    expect(inside.code).toBe(ErrorCode.InvalidInput);
    expect(inside.message).toBe(
      `Cannot write the dataset to ${join(file, "dataset")}: part of the path is a file.`,
    );
  });
});

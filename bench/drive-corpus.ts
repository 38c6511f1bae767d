import { makeDocx, makePdf } from "#test/fixtures/make-fixture-files.ts";
import type { DriveStandIn, PermissionSpec } from "#test/stand-ins/drive/drive-server.ts";

/** How a 500-file corpus splits by kind (the rest are Docs); shared-drive files are Docs. */
const share = { sheets: 0.08, slides: 0.06, pdfs: 0.03, docx: 0.03, sharedDrive: 0.05 } as const;

export interface DriveCorpus {
  files: number;
  byKind: Record<"docs" | "sheets" | "slides" | "pdfs" | "docx", number>;
  inSharedDrive: number;
  folders: number;
  /** Docs in My Drive, for the one-file edit. */
  docIds: string[];
  /** Writes a new version of one Doc: one paragraph rewritten, the rest as it was. */
  editDoc(id: string): void;
}

const topics = ["onboarding", "billing", "deploys", "security", "hiring", "travel", "support", "pricing"];
const words = (
  "team policy review request approve budget quarter customer release incident runbook laptop " +
  "access vendor contract invoice sprint roadmap metric survey office remote holiday expense " +
  "escalation owner deadline checklist training audit backup rollout feedback handbook"
).split(" ");

/** A deterministic PRNG, so every run syncs the same corpus. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 10);
  const picked = Array.from({ length }, () => words[Math.floor(random() * words.length)] ?? "team");
  const text = picked.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number, sentences = 4): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(" ");
}

function docMarkdown(index: number, topic: string, random: () => number): string[] {
  const parts = [`# ${topic} note ${index}`, paragraph(random)];
  for (let section = 1; section <= 2 + Math.floor(random() * 3); section++)
    parts.push(`## Part ${section}`, paragraph(random), `- ${sentence(random)}\n- ${sentence(random)}`);
  return parts;
}

/** Who a file is shared with beyond its owner (the stand-in adds them): nobody, a person, a group… */
function permissionsFor(index: number): PermissionSpec[] {
  const extra: (PermissionSpec | undefined)[] = [
    undefined,
    { type: "user", role: "reader", emailAddress: `person${index % 7}@example.com` },
    { type: "group", role: "reader", emailAddress: "staff@example.com" },
    { type: "domain", role: "reader", domain: "example.com" },
    { type: "anyone", role: "reader" },
  ];
  const added = extra[index % extra.length];
  return added === undefined ? [] : [added];
}

/**
 * Fills the stand-in with `files` files of mixed kinds, in a folder per topic (My Drive) and one
 * shared drive: Docs of a few Markdown paragraphs, Sheets of two tabs, Slides, PDFs and DOCX.
 * The text is generated here from a small vocabulary.
 */
export async function makeDriveCorpus(drive: DriveStandIn, files: number): Promise<DriveCorpus> {
  const random = prng(7);
  const count = (fraction: number) => Math.max(1, Math.round(files * fraction));
  const byKind = {
    sheets: count(share.sheets),
    slides: count(share.slides),
    pdfs: count(share.pdfs),
    docx: count(share.docx),
    docs: 0,
  };
  byKind.docs = files - byKind.sheets - byKind.slides - byKind.pdfs - byKind.docx;
  const inSharedDrive = count(share.sharedDrive);
  const folders = new Map<string, string>(
    topics.map((topic) => [topic, drive.addFolder({ name: topic }).id]),
  );
  const sharedDrive = drive.addDrive({ name: "Engineering" }).id;
  const place = (index: number) => {
    const topic = topics[index % topics.length] ?? "team";
    return { topic, parent: folders.get(topic) ?? drive.rootFolderId, permissions: permissionsFor(index) };
  };
  const docIds: string[] = [];
  const docTexts = new Map<string, string[]>();
  let index = 0;
  for (let n = 0; n < byKind.docs; n++, index++) {
    const { topic, parent, permissions } = place(index);
    const markdown = docMarkdown(index, topic, random);
    const name = `${topic} note ${index}`;
    if (n < inSharedDrive) {
      drive.addDoc({ name, driveId: sharedDrive, markdown: markdown.join("\n\n") });
      continue;
    }
    const { id } = drive.addDoc({ name, parent, permissions, markdown: markdown.join("\n\n") });
    docIds.push(id);
    docTexts.set(id, markdown);
  }
  for (let n = 0; n < byKind.sheets; n++, index++) {
    const { topic, ...placement } = place(index);
    const rows = (tab: number) => [
      ["Item", "Owner", "Cost"],
      ...Array.from({ length: 12 }, (_, row) => [sentence(random), `person${row % 7}`, tab * 100 + row]),
    ];
    const sheets = [1, 2].map((tab) => ({ title: `Q${tab}`, rows: rows(tab) }));
    drive.addSheet({ name: `${topic} plan ${index}`, ...placement, sheets });
  }
  for (let n = 0; n < byKind.slides; n++, index++) {
    const { topic, ...placement } = place(index);
    const slides = Array.from({ length: 5 }, (_, slide) => `Slide ${slide + 1}: ${paragraph(random, 2)}`);
    drive.addSlides({ name: `${topic} deck ${index}`, ...placement, slides });
  }
  for (let n = 0; n < byKind.pdfs; n++, index++) {
    const { topic, ...placement } = place(index);
    const pages = [1, 2].map(() => Array.from({ length: 6 }, () => sentence(random)));
    const bytes = await makePdf({ title: `${topic} report ${index}`, pages });
    drive.addFile({ name: `${topic} report ${index}.pdf`, mimeType: "application/pdf", bytes, ...placement });
  }
  for (let n = 0; n < byKind.docx; n++, index++) {
    const { topic, ...placement } = place(index);
    const table = Array.from({ length: 4 }, (): [string, string] => [sentence(random), sentence(random)]);
    const bytes = await makeDocx({ heading: `${topic} memo ${index}`, paragraph: paragraph(random), table });
    const mimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    drive.addFile({ name: `${topic} memo ${index}.docx`, mimeType, bytes, ...placement });
  }
  return {
    files,
    byKind,
    inSharedDrive,
    folders: folders.size,
    docIds,
    editDoc(id) {
      const parts = [...(docTexts.get(id) ?? [])];
      parts[1] = `${paragraph(random)} Edited for the benchmark.`;
      docTexts.set(id, parts);
      drive.edit(id, { markdown: parts.join("\n\n") });
    },
  };
}

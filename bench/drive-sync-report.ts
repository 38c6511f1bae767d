import { driveRequestDefaults } from "#connectors/drive/client/drive-request-budget.ts";
import type { DriveCorpus } from "./drive-corpus.ts";

export interface DrivePass {
  seconds: number;
  /** Stand-in calls by Google's method name ("files.list", "files.export", "oauth.token"…). */
  byRoute: Record<string, number>;
  /** Drive API calls (OAuth token requests apart). */
  apiCalls: number;
  failedCalls: number;
  downloads: number;
  exports: number;
  /** Paths of the export calls, to tell which files were read. */
  exportedIds: string[];
  /** `/api/embed` requests, and the texts they carried. */
  embedCalls: number;
  embeddedTexts: number;
  documents: number;
  chunks: number;
  deleted: number;
  skipped: number;
  /** Requests that waited for a slot of the budget, and the time at least one was waiting. */
  waitedRequests: number;
  heldSeconds: number;
  /** Wall time minus the budget's hold: reading, parsing, chunking, embedding, storing, bookings. */
  overheadSeconds: number;
}

export interface DriveSyncBenchResult {
  corpus: DriveCorpus;
  /** First full sync with no budget: nothing in the way but our own code. */
  unlimited: DrivePass;
  /** The same first sync through the per-credential budget at Drive's default rate. */
  limited: DrivePass;
  noChange: DrivePass;
  oneEdit: DrivePass & { fileChunks: number; fileChunksBefore: number; editedFileExported: boolean };
  /** The daily full pass when nothing changed since: listing calls only, nothing read again. */
  fullNoChange: DrivePass;
}

function routes(pass: DrivePass): string {
  return Object.entries(pass.byRoute)
    .sort(([, a], [, b]) => b - a)
    .map(([route, count]) => `${route} ${count}`)
    .join(", ");
}

function reads(pass: DrivePass): string {
  return `${pass.exports} exports + ${pass.downloads} downloads`;
}

export function formatDriveSyncBench(result: DriveSyncBenchResult): string {
  const { corpus, unlimited, limited, noChange, oneEdit, fullNoChange } = result;
  const { perSecond, burst } = driveRequestDefaults;
  const floor = Math.max(0, limited.apiCalls - burst) / perSecond;
  const kinds = corpus.byKind;
  return [
    `Drive sync: ${corpus.files} files (${kinds.docs} Docs, ${corpus.inSharedDrive} of them in a shared drive; ${kinds.sheets} Sheets, ${kinds.slides} Slides, ${kinds.pdfs} PDFs, ${kinds.docx} DOCX) in ${corpus.folders} folders, stand-in Drive and Ollama, PGlite + LanceDB`,
    `  first full sync at ${perSecond} requests/s, burst ${burst} (Redis budget): ${limited.seconds.toFixed(1)} s wall, ${limited.apiCalls} API calls (${routes(limited)}), ${reads(limited)}, ${limited.documents} documents, ${limited.chunks} chunks, ${limited.embeddedTexts} texts embedded in ${limited.embedCalls} calls, ${limited.skipped} skipped, ${limited.failedCalls} failed calls`,
    `    waiting on the budget: ${limited.heldSeconds.toFixed(1)} s (${limited.waitedRequests} requests waited; floor (${limited.apiCalls} − ${burst}) / ${perSecond} = ${floor.toFixed(1)} s); own overhead (wall − waits): ${limited.overheadSeconds.toFixed(1)} s`,
    `  same first sync, no budget: ${unlimited.seconds.toFixed(1)} s wall (all own overhead), ${unlimited.apiCalls} API calls, ${reads(unlimited)}, ${unlimited.chunks} chunks, ${unlimited.embeddedTexts} texts embedded`,
    `  incremental, nothing changed: ${noChange.apiCalls} API calls (${routes(noChange)}; target ≤ 2), ${reads(noChange)} (target 0), ${noChange.embeddedTexts} embeddings (target 0), ${noChange.seconds.toFixed(2)} s, ${noChange.heldSeconds.toFixed(2)} s waiting`,
    `  incremental after one Doc was edited: ${oneEdit.apiCalls} API calls (${routes(oneEdit)}), ${reads(oneEdit)} (target 1 export, of the edited Doc: ${oneEdit.editedFileExported ? "yes" : "no"}), ${oneEdit.embeddedTexts} texts embedded for a Doc of ${oneEdit.fileChunks} chunks (${oneEdit.fileChunksBefore} before), ${oneEdit.documents} document read, ${oneEdit.seconds.toFixed(2)} s, ${oneEdit.heldSeconds.toFixed(2)} s waiting`,
    `  full pass, nothing changed (the daily one): ${fullNoChange.apiCalls} API calls (${routes(fullNoChange)}), ${reads(fullNoChange)}, ${fullNoChange.embeddedTexts} embeddings, ${fullNoChange.deleted} deleted, ${fullNoChange.seconds.toFixed(1)} s, ${fullNoChange.heldSeconds.toFixed(1)} s waiting`,
  ].join("\n");
}

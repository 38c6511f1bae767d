import { constants } from "node:fs";
import { access, mkdir, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { splitNames } from "#shared/db/schema.ts";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import type { DatasetLine } from "./build-examples.ts";
import type { DatasetManifest } from "./dataset-manifest.ts";

/**
 * Makes sure the dataset can be written to `dir` (creating it) before any work is done, with a
 * message naming the folder when it can't: a file in the way, a parent that is a file, no permission.
 */
export async function prepareDatasetFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new AppError(ErrorCode.InvalidInput, `The dataset folder ${dir} is a file, not a folder.`, {
      hint: "Give --out a folder (it is created if missing).",
    });
  }
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `Cannot write the dataset to ${dir}: ${describe(error)}.`, {
      cause: error,
      hint: "Give --out a folder you can write to (it is created if missing).",
    });
  }
}

/** Writes train/valid/test.jsonl and dataset.json, each through a temporary file renamed into place. */
export async function writeDatasetFiles(
  dir: string,
  lines: Record<(typeof splitNames)[number], DatasetLine[]>,
  manifest: DatasetManifest,
): Promise<void> {
  for (const split of splitNames) {
    const text = lines[split].map((line) => `${JSON.stringify({ messages: line.messages })}\n`).join("");
    await replaceFile(join(dir, `${split}.jsonl`), text);
  }
  await replaceFile(join(dir, "dataset.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `Cannot write ${path}: ${describe(error)}.`, { cause: error });
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "part of the path is a file";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "ENOSPC") return "the disk is full";
  return errorMessage(error);
}

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { z } from "zod";
import { errorMessage } from "#shared/errors/app-error.ts";
import { TrainingFailure } from "./training-failure.ts";

export interface OllamaImportTarget {
  /** OLLAMA_HOST, e.g. http://127.0.0.1:11434 */
  host: string;
  fetch?: typeof fetch;
}

const createAnswerSchema = z.object({ status: z.string().optional(), error: z.string().optional() });

/**
 * Imports fused safetensors into Ollama as `name` through its API: each file is uploaded once as a
 * blob (`HEAD` then `POST /api/blobs/sha256:…`), then `POST /api/create` names the files by digest.
 * The `ollama` npm client has no blob upload nor `files` on create, hence plain fetch. Anything
 * Ollama refuses fails the run with its own words.
 */
export async function importIntoOllama(
  target: OllamaImportTarget,
  name: string,
  fusedDir: string,
  files: readonly string[],
): Promise<void> {
  const request = target.fetch ?? globalThis.fetch;
  const call = async (path: string, init: RequestInit) => {
    try {
      return await request(`${target.host}${path}`, init);
    } catch (error) {
      throw new TrainingFailure(`Ollama at ${target.host} could not be reached: ${errorMessage(error)}`);
    }
  };
  const digests: Record<string, string> = {};
  for (const file of files) {
    const path = join(fusedDir, file);
    const digest = `sha256:${await sha256Of(path)}`;
    digests[file] = digest;
    const known = await call(`/api/blobs/${digest}`, { method: "HEAD" });
    if (known.ok) continue;
    const size = (await stat(path)).size;
    const upload = await call(`/api/blobs/${digest}`, {
      method: "POST",
      headers: { "Content-Length": String(size) },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
      // Streams the file (weights are gigabytes) instead of reading it into memory.
      duplex: "half",
    } as RequestInit);
    if (!upload.ok)
      throw new TrainingFailure(`Ollama refused the upload of ${file}: ${await errorText(upload)}`);
  }
  const created = await call("/api/create", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: name, files: digests, stream: false }),
  });
  const answer = createAnswerSchema.safeParse(await created.json().catch(() => ({})));
  const refusal = answer.success ? answer.data.error : undefined;
  if (!created.ok || refusal !== undefined)
    throw new TrainingFailure(`Ollama refused to create ${name}: ${refusal ?? `HTTP ${created.status}`}`);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
  } catch {
    // Not JSON: the text itself says it.
  }
  return text.trim() === "" ? `HTTP ${response.status}` : text.trim();
}

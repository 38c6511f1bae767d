import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { modelNotFoundMessage, sendError, sendJson } from "./http-helpers.ts";

/** What the model-management routes may change: the blob store and the model list. */
export interface ModelFilesContext {
  blobs: Map<string, number>;
  hasModel(name: string): boolean;
  addModel(name: string): void;
  removeModel(name: string): void;
  /** A status `/api/create` answers with instead of creating (Ollama refusing an import). */
  createFault(): { status: number; message: string } | undefined;
}

/** `HEAD /api/blobs/sha256:…` (200 known, 404 not) and `POST` (201, 400 when the body's digest differs). */
export async function handleBlob(
  request: IncomingMessage,
  response: ServerResponse,
  digest: string,
  context: ModelFilesContext,
): Promise<void> {
  if (!/^sha256[:-][0-9a-f]{64}$/.test(digest)) return sendError(response, 400, "invalid digest format");
  const key = digest.replace("-", ":");
  if (request.method === "HEAD") {
    response.writeHead(context.blobs.has(key) ? 200 : 404);
    response.end();
    return;
  }
  if (request.method !== "POST") return sendError(response, 405, "method not allowed");
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of request) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  if (`sha256:${hash.digest("hex")}` !== key) return sendError(response, 400, "digest mismatch");
  context.blobs.set(key, size);
  response.writeHead(201);
  response.end();
}

/** `POST /api/create` with `files` {name: digest}: every blob must be uploaded first. */
export async function handleCreate(
  body: unknown,
  response: ServerResponse,
  context: ModelFilesContext,
): Promise<void> {
  const { model, files, from, stream } = (body ?? {}) as Record<string, unknown>;
  if (typeof model !== "string" || model === "") return sendError(response, 400, "model is required");
  const fault = context.createFault();
  if (fault) return sendError(response, fault.status, fault.message);
  if (files !== undefined) {
    if (typeof files !== "object" || files === null)
      return sendError(response, 400, "files must be an object");
    const digests = Object.values(files as Record<string, unknown>);
    if (digests.length === 0) return sendError(response, 400, "neither 'from' or 'files' was specified");
    for (const digest of digests) {
      if (typeof digest !== "string" || !context.blobs.has(digest))
        return sendError(response, 400, `blob ${String(digest)} not found`);
    }
  } else if (typeof from !== "string" || !context.hasModel(from)) {
    return sendError(response, 400, "neither 'from' or 'files' was specified");
  }
  context.addModel(model);
  if (stream === false) return sendJson(response, 200, { status: "success" });
  response.writeHead(200, { "Content-Type": "application/x-ndjson" });
  response.end(
    `${JSON.stringify({ status: "writing manifest" })}\n${JSON.stringify({ status: "success" })}\n`,
  );
}

/** `POST /api/copy` {source, destination}. */
export async function handleCopy(
  body: unknown,
  response: ServerResponse,
  context: ModelFilesContext,
): Promise<void> {
  const { source, destination } = (body ?? {}) as Record<string, unknown>;
  if (typeof source !== "string" || typeof destination !== "string")
    return sendError(response, 400, "source and destination are required");
  if (!context.hasModel(source)) return sendError(response, 404, modelNotFoundMessage(source));
  context.addModel(destination);
  response.writeHead(200);
  response.end();
}

/** `DELETE /api/delete` {model} (the npm client sends the older `name`). */
export async function handleDelete(
  body: unknown,
  response: ServerResponse,
  context: ModelFilesContext,
): Promise<void> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const model = fields.model ?? fields.name;
  if (typeof model !== "string" || !context.hasModel(model))
    return sendError(response, 404, modelNotFoundMessage(String(model)));
  context.removeModel(model);
  response.writeHead(200);
  response.end();
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { groundedReply, type StandInChatRequest } from "./ollama/grounded-reply.ts";
import { handleChat } from "./ollama/handle-chat.ts";
import { handleEmbed } from "./ollama/handle-embed.ts";
import {
  handleBlob,
  handleCopy,
  handleCreate,
  handleDelete,
  type ModelFilesContext,
} from "./ollama/handle-model-files.ts";
import { nativeEmbeddingDimensions } from "./ollama/hashed-embedding.ts";
import { readBody, sendError, sendJson } from "./ollama/http-helpers.ts";
import type { ModelBehaviour } from "./ollama/model-behaviour.ts";
import { canonicalModelName, tagEntry } from "./ollama/model-catalog.ts";
import type { ChatFault, EmbedFault, StandInContext, StandInSettings } from "./ollama/stand-in-context.ts";

export type { StandInChatRequest } from "./ollama/grounded-reply.ts";
export type { ModelBehaviour } from "./ollama/model-behaviour.ts";
export type { ChatFault, EmbedFault } from "./ollama/stand-in-context.ts";

export interface OllamaStandInOptions {
  /** Models the stand-in "has"; others get Ollama's 404. */
  models?: string[];
  /** Chat answer; defaults to the first sentence of source [1] in the prompt, cited. */
  reply?: (request: StandInChatRequest) => string;
  latencyMs?: number;
  tokenDelayMs?: number;
  /** Size of the vectors made (EmbeddingGemma: 768); lower it to play a smaller model. */
  embeddingDimensions?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/api/embed". */
  path: string;
  /** Parsed JSON body; the raw text when it was not JSON; undefined for GET. */
  body: unknown;
}

export interface OllamaStandIn extends StandInSettings {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly host: string;
  /** Every request received, in order; clear with `requests.length = 0`. */
  readonly requests: RecordedRequest[];
  /** Recorded requests to one path. */
  requestsTo(path: string): RecordedRequest[];
  setModels(names: string[]): void;
  /** Makes chat with `model` fail until cleared with null. */
  failChat(model: string, fault: ChatFault | null): void;
  /** Makes every embed call fail until cleared with null. */
  failEmbed(fault: EmbedFault | null): void;
  /**
   * Makes every model whose name starts with `modelPrefix` answer "better" or "worse" (see
   * model-behaviour.ts) instead of `reply`, until cleared with null: plays a fine-tuned candidate.
   */
  answerAs(modelPrefix: string, behaviour: ModelBehaviour | null): void;
  /** Makes `/api/create` refuse with this status and message until cleared with null. */
  failCreate(fault: { status: number; message: string } | null): void;
  /** Models created, copied or deleted through the API show here and in `/api/tags`. */
  readonly models: readonly string[];
  /** Closes the server and drops open connections: the host then refuses connections, as a stopped Ollama. */
  stop(): Promise<void>;
}

export const defaultStandInModels = ["embeddinggemma:latest", "gemma4:e4b", "gemma4:e2b"];

/**
 * An in-process Ollama that speaks its real HTTP API (`/api/embed`, `/api/chat`, `/api/tags`,
 * `/api/version`, `/`) on a random local port, with meaningful deterministic embeddings, a
 * grounded-looking streamed reply, switchable faults and a record of every request.
 */
export async function startOllamaStandIn(options: OllamaStandInOptions = {}): Promise<OllamaStandIn> {
  let models = (options.models ?? defaultStandInModels).map(canonicalModelName);
  const chatFaults = new Map<string, ChatFault>();
  let embedFault: EmbedFault | undefined;
  const behaviours = new Map<string, ModelBehaviour>();
  let createFault: { status: number; message: string } | undefined;
  const requests: RecordedRequest[] = [];
  let host = "";

  const standIn: OllamaStandIn = {
    get host() {
      return host;
    },
    requests,
    latencyMs: options.latencyMs ?? 0,
    tokenDelayMs: options.tokenDelayMs ?? 0,
    reply: options.reply ?? groundedReply,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    setModels(names) {
      models = names.map(canonicalModelName);
    },
    failChat(model, fault) {
      if (fault === null) chatFaults.delete(canonicalModelName(model));
      else chatFaults.set(canonicalModelName(model), fault);
    },
    failEmbed(fault) {
      embedFault = fault ?? undefined;
    },
    answerAs(modelPrefix, behaviour) {
      if (behaviour === null) behaviours.delete(modelPrefix);
      else behaviours.set(modelPrefix, behaviour);
    },
    failCreate(fault) {
      createFault = fault ?? undefined;
    },
    get models() {
      return models;
    },
    stop: () => stopServer(),
  };

  const context: StandInContext = {
    settings: standIn,
    embeddingDimensions: options.embeddingDimensions ?? nativeEmbeddingDimensions,
    hasModel: (name) => models.includes(canonicalModelName(name)),
    chatFault: (model) => chatFaults.get(canonicalModelName(model)),
    embedFault: () => embedFault,
    behaviourOf: (model) =>
      [...behaviours].find(([prefix]) => canonicalModelName(model).startsWith(prefix))?.[1],
  };
  const modelFiles: ModelFilesContext = {
    blobs: new Map(),
    hasModel: context.hasModel,
    addModel(name) {
      if (!context.hasModel(name)) models = [...models, canonicalModelName(name)];
    },
    removeModel(name) {
      models = models.filter((model) => model !== canonicalModelName(name));
    },
    createFault: () => createFault,
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      sendError(response, 500, error instanceof Error ? error.message : String(error));
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://stand-in").pathname;
    // Blobs are binary and may be large: hashed as they stream in, never decoded as text.
    if (path.startsWith("/api/blobs/")) {
      requests.push({ method, path, body: undefined });
      return handleBlob(request, response, path.slice("/api/blobs/".length), modelFiles);
    }
    const text = method === "GET" || method === "HEAD" ? "" : await readBody(request);
    const parsed = text === "" ? { body: undefined } : parseJson(text);
    const body = "body" in parsed ? parsed.body : text;
    requests.push({ method, path, body });
    // Lets slow answers stop early when the client goes away or the server stops.
    const closed = new AbortController();
    response.on("close", () => closed.abort());

    if (!("body" in parsed)) return sendError(response, 400, "invalid character in request body");
    if (method === "POST" && path === "/api/embed")
      return handleEmbed(body, response, context, closed.signal);
    if (method === "POST" && path === "/api/chat") return handleChat(body, response, context, closed.signal);
    if (method === "POST" && path === "/api/create") return handleCreate(body, response, modelFiles);
    if (method === "POST" && path === "/api/copy") return handleCopy(body, response, modelFiles);
    if (method === "DELETE" && path === "/api/delete") return handleDelete(body, response, modelFiles);
    if (method === "GET" && path === "/api/tags")
      return sendJson(response, 200, { models: models.map(tagEntry) });
    if (method === "GET" && path === "/api/version") return sendJson(response, 200, { version: "0.34.1" });
    if ((method === "GET" || method === "HEAD") && path === "/") {
      response.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("Ollama is running");
      return;
    }
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("404 page not found");
  }

  let stopped: Promise<void> | undefined;
  function stopServer(): Promise<void> {
    stopped ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

function parseJson(text: string): { body: unknown } | { invalid: true } {
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { invalid: true };
  }
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { groundedReply } from "./ollama/grounded-reply.ts";
import { nativeEmbeddingDimensions } from "./ollama/hashed-embedding.ts";
import { readBody } from "./ollama/http-helpers.ts";
import type { RecordedRequest } from "./ollama-server.ts";
import { handleChatCompletions } from "./openai/handle-chat-completions.ts";
import { handleEmbeddings } from "./openai/handle-embeddings.ts";
import { sendError, sendJson } from "./openai/openai-http.ts";
import type {
  OpenAiChatFault,
  OpenAiEmbedFault,
  OpenAiStandInContext,
  OpenAiStandInSettings,
} from "./openai/stand-in-context.ts";

export type { OpenAiChatFault, OpenAiEmbedFault } from "./openai/stand-in-context.ts";

export interface OpenAiStandInOptions {
  /** Model ids the server serves; others get OpenAI's 404 `model_not_found`. */
  models?: string[];
  /** When set, every /v1 call needs `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  reply?: OpenAiStandInSettings["reply"];
  latencyMs?: number;
  tokenDelayMs?: number;
  embeddingDimensions?: number;
  refuseDimensions?: boolean;
}

export interface OpenAiStandIn extends OpenAiStandInSettings {
  /** Origin, e.g. http://127.0.0.1:41234 */
  readonly host: string;
  /** The API base clients are given: host + "/v1". */
  readonly baseUrl: string;
  /** Every request received, in order; clear with `requests.length = 0`. */
  readonly requests: RecordedRequest[];
  /** The Authorization header of each request, in order (to check the key is sent, never elsewhere). */
  readonly authorizations: (string | undefined)[];
  requestsTo(path: string): RecordedRequest[];
  setModels(ids: string[]): void;
  failChat(model: string, fault: OpenAiChatFault | null): void;
  failEmbed(fault: OpenAiEmbedFault | null): void;
  stop(): Promise<void>;
}

export const defaultOpenAiStandInModels = ["embeddinggemma", "gemma4:e4b", "gemma4:e2b"];

/**
 * An in-process OpenAI-compatible server (as llama-server, LM Studio, vLLM or LiteLLM expose):
 * `/v1/models`, `/v1/chat/completions` (JSON or SSE) and `/v1/embeddings`, with OpenAI's error
 * bodies, an optional API key, switchable faults and a record of every request. Replies and
 * embeddings are the Ollama stand-in's, so the same assertions hold for both.
 */
export async function startOpenAiStandIn(options: OpenAiStandInOptions = {}): Promise<OpenAiStandIn> {
  let models = options.models ?? defaultOpenAiStandInModels;
  const chatFaults = new Map<string, OpenAiChatFault>();
  let embedFault: OpenAiEmbedFault | undefined;
  const requests: RecordedRequest[] = [];
  const authorizations: (string | undefined)[] = [];
  let host = "";

  const standIn: OpenAiStandIn = {
    get host() {
      return host;
    },
    get baseUrl() {
      return `${host}/v1`;
    },
    requests,
    authorizations,
    latencyMs: options.latencyMs ?? 0,
    tokenDelayMs: options.tokenDelayMs ?? 0,
    reply: options.reply ?? groundedReply,
    refuseDimensions: options.refuseDimensions ?? false,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    setModels(ids) {
      models = ids;
    },
    failChat(model, fault) {
      if (fault === null) chatFaults.delete(model);
      else chatFaults.set(model, fault);
    },
    failEmbed(fault) {
      embedFault = fault ?? undefined;
    },
    stop: () => stopServer(),
  };

  const context: OpenAiStandInContext = {
    settings: standIn,
    embeddingDimensions: options.embeddingDimensions ?? nativeEmbeddingDimensions,
    hasModel: (name) => models.includes(name),
    chatFault: (model) => chatFaults.get(model),
    embedFault: () => embedFault,
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      sendError(response, 500, error instanceof Error ? error.message : String(error), "server_error");
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://stand-in").pathname;
    const text = method === "GET" || method === "HEAD" ? "" : await readBody(request);
    let body: unknown = text === "" ? undefined : text;
    try {
      if (text !== "") body = JSON.parse(text) as unknown;
    } catch {
      return sendError(response, 400, "We could not parse the JSON body of your request.");
    }
    requests.push({ method, path, body });
    authorizations.push(request.headers.authorization);
    const closed = new AbortController();
    response.on("close", () => closed.abort());

    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(
        response,
        401,
        "Incorrect API key provided.",
        "invalid_request_error",
        "invalid_api_key",
      );
    }
    if (method === "GET" && path === "/v1/models") {
      return sendJson(response, 200, {
        object: "list",
        data: models.map((id) => ({
          id,
          object: "model",
          created: 1_767_225_600,
          owned_by: "organization-owner",
        })),
      });
    }
    if (method === "POST" && path === "/v1/chat/completions") {
      return handleChatCompletions(body, response, context, closed.signal);
    }
    if (method === "POST" && path === "/v1/embeddings") {
      return handleEmbeddings(body, response, context, closed.signal);
    }
    // What a server without this route (or a base URL missing /v1) answers: no OpenAI error body.
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("Not Found");
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

import type { ServerResponse } from "node:http";
import { replyPieces, type StandInChatRequest } from "./grounded-reply.ts";
import {
  faultMessage,
  modelNotFoundMessage,
  sendError,
  sendJson,
  sleep,
  untilAborted,
} from "./http-helpers.ts";
import { behaviourReply } from "./model-behaviour.ts";
import { isEmbeddingOnly } from "./model-catalog.ts";
import type { StandInContext } from "./stand-in-context.ts";

/** `POST /api/chat`: NDJSON stream by default (Ollama's default is `stream: true`), one JSON with `stream: false`. */
export async function handleChat(
  body: unknown,
  response: ServerResponse,
  context: StandInContext,
  closed: AbortSignal,
): Promise<void> {
  const request = parseChatRequest(body);
  if (typeof request === "string") return sendError(response, 400, request);
  const { model } = request;
  if (!context.hasModel(model)) return sendError(response, 404, modelNotFoundMessage(model));
  if (isEmbeddingOnly(model)) return sendError(response, 400, `"${model}" does not support chat`);

  const fault = context.chatFault(model);
  if (fault === "hang") return untilAborted(closed);
  if (typeof fault === "number") return sendError(response, fault, faultMessage(fault));

  const started = process.hrtime.bigint();
  await sleep(context.settings.latencyMs, closed);
  if (closed.aborted) return;
  const behaviour = context.behaviourOf(model);
  const pieces = replyPieces(
    behaviour ? behaviourReply(behaviour, request) : context.settings.reply(request),
  );
  const promptTokens = request.messages.reduce(
    (sum, message) => sum + message.content.split(/\s+/).length,
    0,
  );
  const line = (content: string) => ({
    model,
    created_at: new Date().toISOString(),
    message: { role: "assistant", content },
    done: false,
  });
  const final = () => {
    const total = Number(process.hrtime.bigint() - started);
    return {
      ...line(""),
      done: true,
      done_reason: "stop",
      total_duration: total,
      load_duration: Math.round(total * 0.1),
      prompt_eval_count: promptTokens,
      prompt_eval_duration: Math.round(total * 0.2),
      eval_count: pieces.length,
      eval_duration: Math.round(total * 0.7),
    };
  };

  if (!request.stream) return sendJson(response, 200, { ...final(), message: line(pieces.join("")).message });

  response.writeHead(200, { "Content-Type": "application/x-ndjson" });
  for (const [index, piece] of pieces.entries()) {
    if (closed.aborted) return;
    response.write(`${JSON.stringify(line(piece))}\n`);
    // "stall": the model got going, then stopped answering.
    if (fault === "stall" && index >= 1) return untilAborted(closed);
    await sleep(context.settings.tokenDelayMs, closed);
  }
  if (!closed.aborted) response.end(`${JSON.stringify(final())}\n`);
}

function parseChatRequest(body: unknown): StandInChatRequest | string {
  if (typeof body !== "object" || body === null) return "invalid request body";
  const { model, messages, stream, options, think } = body as Record<string, unknown>;
  if (typeof model !== "string" || model === "") return "model is required";
  if (messages !== undefined && !Array.isArray(messages)) return "messages must be an array";
  const valid = (messages ?? []).every(
    (message: unknown) =>
      typeof message === "object" &&
      message !== null &&
      typeof (message as { role?: unknown }).role === "string" &&
      typeof (message as { content?: unknown }).content === "string",
  );
  if (!valid) return "each message needs a role and a content";
  return {
    model,
    messages: (messages ?? []) as StandInChatRequest["messages"],
    stream: stream !== false,
    ...(typeof options === "object" && options !== null
      ? { options: options as Record<string, unknown> }
      : {}),
    ...(think === undefined ? {} : { think }),
  };
}

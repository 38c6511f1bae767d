import type { ServerResponse } from "node:http";
import { replyPieces, type StandInChatRequest } from "../ollama/grounded-reply.ts";
import { sleep, untilAborted } from "../ollama/http-helpers.ts";
import { modelNotFound, sendError, sendFault, sendJson } from "./openai-http.ts";
import type { OpenAiStandInContext } from "./stand-in-context.ts";

/**
 * `POST /v1/chat/completions`: one JSON by default, server-sent events with `stream: true` —
 * `data: {chunk}` lines with `choices[0].delta.content`, a last chunk with `finish_reason`, a usage
 * chunk (empty `choices`) when `stream_options.include_usage` is set, then `data: [DONE]`.
 */
export async function handleChatCompletions(
  body: unknown,
  response: ServerResponse,
  context: OpenAiStandInContext,
  closed: AbortSignal,
): Promise<void> {
  const request = parseRequest(body);
  if (typeof request === "string") return sendError(response, 400, request);
  const { model, stream, includeUsage } = request;
  if (!context.hasModel(model)) return modelNotFound(response, model);

  const fault = context.chatFault(model);
  if (fault === "hang") return untilAborted(closed);
  if (typeof fault === "number") return sendFault(response, fault);

  await sleep(context.settings.latencyMs, closed);
  if (closed.aborted) return;
  const pieces = replyPieces(context.settings.reply(request));
  const usage = {
    prompt_tokens: request.messages.reduce((sum, message) => sum + message.content.split(/\s+/).length, 0),
    completion_tokens: pieces.length,
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const id = `chatcmpl-${Math.random().toString(36).slice(2, 12)}`;
  const created = Math.floor(Date.now() / 1000);

  if (!stream) {
    return sendJson(response, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        { index: 0, message: { role: "assistant", content: pieces.join("") }, finish_reason: "stop" },
      ],
      usage,
    });
  }

  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`;
  response.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    Connection: "keep-alive",
  });
  response.write(chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]));
  for (const [index, piece] of pieces.entries()) {
    if (closed.aborted) return;
    response.write(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
    if (fault === "stall" && index >= 1) return untilAborted(closed);
    if (fault === "cut" && index >= 1) {
      response.socket?.destroy();
      return;
    }
    await sleep(context.settings.tokenDelayMs, closed);
  }
  if (closed.aborted) return;
  response.write(chunk([{ index: 0, delta: {}, finish_reason: "stop" }]));
  if (includeUsage) response.write(chunk([], { usage }));
  response.end("data: [DONE]\n\n");
}

type ParsedRequest = StandInChatRequest & { includeUsage: boolean };

function parseRequest(body: unknown): ParsedRequest | string {
  if (typeof body !== "object" || body === null) return "We could not parse the JSON body of your request.";
  const { model, messages, stream, stream_options: streamOptions } = body as Record<string, unknown>;
  if (typeof model !== "string" || model === "") return "you must provide a model parameter";
  if (!Array.isArray(messages) || messages.length === 0)
    return "'messages' must contain at least one message";
  const valid = messages.every(
    (message: unknown) =>
      typeof message === "object" &&
      message !== null &&
      typeof (message as { role?: unknown }).role === "string" &&
      typeof (message as { content?: unknown }).content === "string",
  );
  if (!valid) return "each message needs a role and a content";
  const includeUsage =
    typeof streamOptions === "object" &&
    streamOptions !== null &&
    (streamOptions as { include_usage?: unknown }).include_usage === true;
  return {
    model,
    messages: messages as StandInChatRequest["messages"],
    stream: stream === true,
    includeUsage,
  };
}

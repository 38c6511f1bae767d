import type { ServerResponse } from "node:http";
import { hashedEmbedding } from "./hashed-embedding.ts";
import {
  faultMessage,
  modelNotFoundMessage,
  sendError,
  sendJson,
  sleep,
  untilAborted,
} from "./http-helpers.ts";
import type { StandInContext } from "./stand-in-context.ts";

/** `POST /api/embed`: `{model, input: string | string[], truncate?, dimensions?}`. */
export async function handleEmbed(
  body: unknown,
  response: ServerResponse,
  context: StandInContext,
  closed: AbortSignal,
): Promise<void> {
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const { model, input, dimensions } = fields;
  if (typeof model !== "string" || model === "") return sendError(response, 400, "model is required");
  const inputs = typeof input === "string" ? [input] : input;
  if (!Array.isArray(inputs) || !inputs.every((item) => typeof item === "string")) {
    return sendError(response, 400, "invalid input type");
  }
  if (!context.hasModel(model)) return sendError(response, 404, modelNotFoundMessage(model));

  const fault = context.embedFault();
  if (fault === "down") {
    response.socket?.destroy();
    return;
  }
  if (fault === "hang") {
    return untilAborted(closed);
  }
  if (typeof fault === "number") return sendError(response, fault, faultMessage(fault));

  const started = process.hrtime.bigint();
  await sleep(context.settings.latencyMs, closed);
  if (closed.aborted) return;
  // Like Ollama: `dimensions` below the native size truncates and re-normalises on the server.
  const size =
    typeof dimensions === "number" && dimensions > 0 && dimensions < context.embeddingDimensions
      ? dimensions
      : context.embeddingDimensions;
  const embeddings = inputs.map((text: string) => {
    const vector = hashedEmbedding(text, context.embeddingDimensions).slice(0, size);
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  });
  const total = Number(process.hrtime.bigint() - started);
  sendJson(response, 200, {
    model,
    embeddings,
    total_duration: total,
    load_duration: Math.round(total * 0.1),
    prompt_eval_count: inputs.reduce((sum: number, text: string) => sum + text.split(/\s+/).length, 0),
  });
}

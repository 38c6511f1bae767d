import type { ServerResponse } from "node:http";
import { hashedEmbedding } from "../ollama/hashed-embedding.ts";
import { sleep, untilAborted } from "../ollama/http-helpers.ts";
import { modelNotFound, sendError, sendFault, sendJson } from "./openai-http.ts";
import type { OpenAiStandInContext } from "./stand-in-context.ts";

/** `POST /v1/embeddings`: `{model, input: string | string[], dimensions?, encoding_format?}` → `{data:[{embedding,index}],usage}`. */
export async function handleEmbeddings(
  body: unknown,
  response: ServerResponse,
  context: OpenAiStandInContext,
  closed: AbortSignal,
): Promise<void> {
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const { model, input, dimensions, encoding_format: encoding } = fields;
  if (typeof model !== "string" || model === "") {
    return sendError(response, 400, "you must provide a model parameter");
  }
  const inputs = typeof input === "string" ? [input] : input;
  if (!Array.isArray(inputs) || !inputs.every((item) => typeof item === "string")) {
    return sendError(response, 400, "'input' must be a string or an array of strings");
  }
  if (encoding !== undefined && encoding !== "float") {
    return sendError(
      response,
      400,
      `encoding_format "${String(encoding)}" is not supported by this stand-in`,
    );
  }
  if (!context.hasModel(model)) return modelNotFound(response, model);
  if (dimensions !== undefined && context.settings.refuseDimensions) {
    return sendError(response, 400, "This model does not support specifying dimensions.");
  }

  const fault = context.embedFault();
  if (fault === "down") {
    response.socket?.destroy();
    return;
  }
  if (fault === "hang") return untilAborted(closed);
  if (typeof fault === "number") return sendFault(response, fault);

  await sleep(context.settings.latencyMs, closed);
  if (closed.aborted) return;
  // Like text-embedding-3: `dimensions` below the native size shortens and re-normalises.
  const size =
    typeof dimensions === "number" && dimensions > 0 && dimensions < context.embeddingDimensions
      ? dimensions
      : context.embeddingDimensions;
  const data = inputs.map((text: string, index: number) => {
    const vector = hashedEmbedding(text, context.embeddingDimensions).slice(0, size);
    const norm = Math.hypot(...vector) || 1;
    return { object: "embedding", index, embedding: vector.map((value) => value / norm) };
  });
  const tokens = inputs.reduce((sum: number, text: string) => sum + text.split(/\s+/).length, 0);
  // Reversed on purpose: clients must place each vector by its index, not by its position.
  sendJson(response, 200, {
    object: "list",
    data: data.reverse(),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

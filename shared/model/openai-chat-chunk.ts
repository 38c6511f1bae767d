import { z } from "zod";

/** The fields Sabio reads from each SSE chunk of a streamed `/v1/chat/completions`. */
export const openAiChatChunkSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  /** Only on the last chunk, and only with `stream_options: {include_usage: true}`. */
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
  /** llama.cpp's llama-server adds its own timings (milliseconds) to the last chunk. */
  timings: z.object({ prompt_ms: z.number().optional(), predicted_ms: z.number().optional() }).nullish(),
});

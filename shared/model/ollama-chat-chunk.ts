import { z } from "zod";

/** The fields Sabio reads from each NDJSON line of Ollama's streamed `/api/chat`. */
export const ollamaChatChunkSchema = z.object({
  model: z.string().optional(),
  message: z.object({ content: z.string().optional() }).optional(),
  done: z.boolean(),
  prompt_eval_count: z.number().optional(),
  eval_count: z.number().optional(),
  /** Nanoseconds. */
  total_duration: z.number().optional(),
});

export type OllamaChatChunk = z.infer<typeof ollamaChatChunkSchema>;

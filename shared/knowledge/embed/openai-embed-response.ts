import { z } from "zod";

/** The fields Sabio reads from an OpenAI-compatible `/v1/embeddings` answer. */
export const openAiEmbedResponseSchema = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int() })),
});

import { z } from "zod";

/** The one field Sabio reads from Ollama's `/api/embed` answer. */
export const ollamaEmbedResponseSchema = z.object({
  embeddings: z.array(z.array(z.number())),
});

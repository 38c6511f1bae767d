import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { ChatMessage } from "#shared/model/chat-model.ts";

const exampleSchema = z.object({
  messages: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })).min(2),
});

/** A held-out example: the prompt exactly as it was served, and the approved answer. */
export interface TestExample {
  prompt: ChatMessage[];
  expected: string;
}

/** Reads the dataset's frozen test split (`test.jsonl`, MLX chat format). */
export async function readTestExamples(datasetDir: string): Promise<TestExample[]> {
  const text = await readFile(join(datasetDir, "test.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const { messages } = exampleSchema.parse(JSON.parse(line), {
        error: () => `test.jsonl line ${index + 1} is not a chat example`,
      });
      const last = messages.at(-1);
      if (last?.role !== "assistant")
        throw new Error(`test.jsonl line ${index + 1} does not end with the answer`);
      return { prompt: messages.slice(0, -1), expected: last.content };
    });
}

import { errorMessage } from "#shared/errors/app-error.ts";
import type { ChatModel } from "#shared/model/chat-model.ts";
import { TrainingFailure } from "./training-failure.ts";

const smokePrompt = [
  {
    role: "user" as const,
    content:
      "Sources:\n\n[1] Smoke test\nSabio answers questions from the team's documents.\n\nQuestion: What does Sabio do?",
  },
];

/** A freshly imported model must answer a fixed prompt with some text before it is evaluated. */
export async function smokeTest(chatModel: ChatModel, model: string, timeoutMs: number): Promise<void> {
  let text: string;
  try {
    text = (
      await chatModel.chat({
        model,
        messages: smokePrompt,
        temperature: 0,
        signal: AbortSignal.timeout(timeoutMs),
      })
    ).text;
  } catch (error) {
    throw new TrainingFailure(
      `the imported model ${model} did not answer the smoke test: ${errorMessage(error)}`,
    );
  }
  if (text.trim() === "")
    throw new TrainingFailure(`the imported model ${model} answered the smoke test with nothing`);
}

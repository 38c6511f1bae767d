import type { ChatModel } from "#shared/model/chat-model.ts";
import { type ModelScores, modelScores } from "./model-scores.ts";
import { scoreAnswer } from "./score-answer.ts";
import type { TestExample } from "./test-examples.ts";

/**
 * Asks `model` every held-out question from its served sources (the example's prompt) and scores
 * the answers against the approved ones. Temperature 0: the comparison between two models should
 * not depend on sampling luck. A model that cannot answer throws, failing the run, rather than
 * scoring zero and letting the other one win by default.
 */
export async function evaluateModel(
  chatModel: ChatModel,
  model: string,
  examples: readonly TestExample[],
  timeoutMs: number,
): Promise<ModelScores> {
  const scores = [];
  for (const example of examples) {
    const reply = await chatModel.chat({
      model,
      messages: example.prompt,
      temperature: 0,
      signal: AbortSignal.timeout(timeoutMs),
    });
    scores.push(scoreAnswer(reply.text, example.expected));
  }
  return modelScores(model, scores);
}

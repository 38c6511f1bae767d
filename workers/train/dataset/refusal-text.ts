import { detectLanguage } from "#shared/knowledge/lexical/detect-language.ts";
import { tokenizeFolded } from "#shared/knowledge/lexical/tokenize-folded.ts";

/**
 * What a refusal example teaches: the system prompt's own sentence for sources that don't cover the
 * question (workers/answer/build-prompt.ts), in the question's language. The answer gate replaces a
 * reply citing nothing with its not-covered text, so this only has to be short and cite nothing.
 */
export const refusalTexts = {
  en: "The team's documents don't cover this.",
  es: "Los documentos del equipo no cubren esto.",
} as const;

/** The refusal in the question's language (English when its words don't tell). */
export function refusalFor(question: string): string {
  return detectLanguage(tokenizeFolded(question)) === "es" ? refusalTexts.es : refusalTexts.en;
}

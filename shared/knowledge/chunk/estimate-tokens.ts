/**
 * Estimated model tokens in a text, without the model's tokenizer (Gemma's can't be loaded here):
 * the larger of a character count and a word count. Latin-script prose runs ~4 characters per
 * token (the usual rule of thumb for English; Spanish words are longer, and chars/4 dominates for
 * them); text of many short words or symbols (code, tables, numbers) runs ~1.3 tokens per word.
 * Chunks stay well under embedding models' limits (2,048 for EmbeddingGemma) even if it is off by 2×.
 * Characters from U+2E80 up (CJK, kana, hangul, emoji halves) count one token each.
 */
export function estimateTokens(text: string): number {
  return tokensOf(measureText(text));
}

/** What the estimate is computed from; sizes add up exactly when texts are joined with whitespace. */
export interface TextMeasure {
  /** UTF-16 code units below U+2E80. */
  narrow: number;
  /** UTF-16 code units from U+2E80 up. */
  wide: number;
  /** Runs of non-whitespace. */
  words: number;
}

export function measureText(text: string): TextMeasure {
  let words = 0;
  let wide = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 11) inWord = false;
    else {
      if (!inWord) words++;
      inWord = true;
      if (code >= 0x2e80) wide++;
    }
  }
  return { narrow: text.length - wide, wide, words };
}

export function tokensOf(measure: TextMeasure): number {
  return Math.ceil(Math.max(measure.narrow / 4 + measure.wide, measure.words * 1.3));
}

/** The measure of texts joined by a whitespace separator. */
export function addMeasures(left: TextMeasure, right: TextMeasure, separatorLength: number): TextMeasure {
  return {
    narrow: left.narrow + separatorLength + right.narrow,
    wide: left.wide + right.wide,
    words: left.words + right.words,
  };
}

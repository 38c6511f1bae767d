/**
 * EmbeddingGemma was trained with task prefixes and loses quality without them; other models are
 * given the raw text, since their own prefixes (if any) differ.
 */
export function usesEmbeddingGemmaPrompts(model: string): boolean {
  return model.toLowerCase().includes("embeddinggemma");
}

/** What is embedded for a search query. */
export function queryPrompt(model: string, text: string): string {
  return usesEmbeddingGemmaPrompts(model) ? `task: search result | query: ${text}` : text;
}

/** What is embedded for a passage; an empty title is spelled "none", as the model card asks. */
export function documentPrompt(model: string, item: { title: string; text: string }): string {
  if (!usesEmbeddingGemmaPrompts(model)) return item.text;
  const title = item.title.trim() === "" ? "none" : item.title.trim();
  return `title: ${title} | text: ${item.text}`;
}

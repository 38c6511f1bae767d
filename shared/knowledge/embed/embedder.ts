/** Turns text into dense vectors. One adapter per vendor (Ollama today). */
export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  /** Vectors for passages, in order; the adapter adds the model's document prefix and batches. */
  embedDocuments(items: { title: string; text: string }[], signal?: AbortSignal): Promise<number[][]>;
  /** Vector for a search query; the adapter adds the model's query prefix. */
  embedQuery(text: string, signal?: AbortSignal): Promise<number[]>;
}

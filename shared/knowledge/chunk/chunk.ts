/** One retrievable passage of a document, as the chunker produces it. */
export interface Chunk {
  /** Position within the document, from 0. */
  index: number;
  /** Text that is embedded and shown: the document title and heading path prefixed to the passage. */
  text: string;
  /** Heading path inside the document, e.g. ["Travel", "Per diem"]. */
  headings: string[];
  /** Estimated tokens in `text`. */
  tokens: number;
}

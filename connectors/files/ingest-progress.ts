/**
 * How far an ingest has got, for whoever watches (the CLI draws a bar on a terminal; nothing else
 * listens). Reading counts files; indexing counts documents written, with the chunks embedded so far.
 */
export type IngestProgress =
  | { phase: "reading"; done: number; total: number }
  | { phase: "indexing"; done: number; total: number; embedded: number };

export type OnIngestProgress = (progress: IngestProgress) => void;

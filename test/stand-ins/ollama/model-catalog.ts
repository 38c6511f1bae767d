import { createHash } from "node:crypto";

/** Ollama's default tag: "gemma4" and "gemma4:latest" are the same model. */
export function canonicalModelName(name: string): string {
  const lastSegment = name.split("/").at(-1) ?? name;
  return lastSegment.includes(":") ? name : `${name}:latest`;
}

/** One `/api/tags` entry, shaped like Ollama's; sizes and digests are made up but stable. */
export function tagEntry(name: string) {
  const digest = createHash("sha256").update(name).digest("hex");
  const family = name.split(":")[0] ?? name;
  return {
    name,
    model: name,
    modified_at: "2026-01-01T00:00:00.000000000Z",
    size: 1_000_000_000 + Number.parseInt(digest.slice(0, 6), 16),
    digest,
    details: {
      parent_model: "",
      format: "gguf",
      family,
      families: [family],
      parameter_size: name.includes("embed") ? "307.58M" : "4.3B",
      quantization_level: "Q4_K_M",
    },
  };
}

/** Embedding-only models cannot chat; Ollama says so with a 400. */
export function isEmbeddingOnly(name: string): boolean {
  return /embed|minilm/i.test(name);
}

import { afterAll, beforeAll } from "vitest";
import { type OllamaStandIn, type OllamaStandInOptions, startOllamaStandIn } from "../ollama-server.ts";

export interface OllamaTarget {
  host: string;
  embedModel: string;
  chatModel: string;
  /** Only when testing against the stand-in: a real server cannot be told to fail. */
  standIn: OllamaStandIn | undefined;
}

/** Why fault-injection cases are skipped against a real server; shown in the test report. */
export const realOllamaSkipReason =
  "needs fault injection, which only the stand-in offers (OLLAMA_HOST is set)";

/**
 * The Ollama to test against: a real one when OLLAMA_HOST is set (models from EMBED_MODEL and
 * CHAT_MODEL), otherwise a fresh stand-in for the file. Call at the top of a test file or describe.
 */
export function useOllamaTarget(options: OllamaStandInOptions = {}): () => OllamaTarget {
  let target: OllamaTarget | undefined;
  const realHost = process.env.OLLAMA_HOST;
  beforeAll(async () => {
    if (realHost) {
      target = {
        host: realHost,
        embedModel: process.env.EMBED_MODEL || "embeddinggemma",
        chatModel: process.env.CHAT_MODEL || "gemma4:e4b",
        standIn: undefined,
      };
      return;
    }
    const standIn = await startOllamaStandIn(options);
    target = { host: standIn.host, embedModel: "embeddinggemma", chatModel: "gemma4:e4b", standIn };
  });
  afterAll(async () => {
    await target?.standIn?.stop();
  });
  return () => {
    if (!target) throw new Error("useOllamaTarget: used outside a test");
    return target;
  };
}

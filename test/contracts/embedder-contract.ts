import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../shared/errors/app-error.ts";
import type { Embedder } from "../../shared/knowledge/embed/embedder.ts";

export interface EmbedderContractSubject {
  /** An embedder whose server has its model. */
  embedder: Embedder;
  /** Same server, a model it does not have. */
  missingModel: Embedder;
  /** A server nobody answers for. */
  unreachable: Embedder;
}

const vacation = {
  title: "Vacation policy",
  text: "Employees get 25 vacation days per year, booked in the HR tool.",
};
const deploy = {
  title: "Deploying",
  text: "The API server is deployed with Docker Compose on the build machine.",
};

/** What every Embedder must do. Call inside a describe; `subject` is read inside each test. */
export function embedderContract(subject: () => EmbedderContractSubject): void {
  describe("Embedder contract", () => {
    it("returns one unit vector of `dimensions` values per passage, in order", async () => {
      const { embedder } = subject();
      const forward = await embedder.embedDocuments([vacation, deploy]);
      const backward = await embedder.embedDocuments([deploy, vacation]);
      expect(forward).toHaveLength(2);
      for (const vector of forward) {
        expect(vector).toHaveLength(embedder.dimensions);
        expect(norm(vector)).toBeCloseTo(1, 5);
      }
      expect(cosine(at(forward, 0), at(backward, 1))).toBeGreaterThan(0.99);
      expect(cosine(at(forward, 1), at(backward, 0))).toBeGreaterThan(0.99);
    });

    it("returns nothing for no passages", async () => {
      expect(await subject().embedder.embedDocuments([])).toEqual([]);
    });

    it("embeds a query as a unit vector of `dimensions` values", async () => {
      const { embedder } = subject();
      const vector = await embedder.embedQuery("how many vacation days do I get?");
      expect(vector).toHaveLength(embedder.dimensions);
      expect(norm(vector)).toBeCloseTo(1, 5);
    });

    it("puts a query closer to the passage it is about than to an unrelated one", async () => {
      const { embedder } = subject();
      const [vacationVector, deployVector] = await embedder.embedDocuments([vacation, deploy]);
      const query = await embedder.embedQuery("How many vacation days do employees get?");
      expect(cosine(query, vacationVector ?? [])).toBeGreaterThan(cosine(query, deployVector ?? []));
    });

    it("throws model_not_found, not retryable, for a model the server lacks", async () => {
      await expect(subject().missingModel.embedQuery("hello")).rejects.toMatchObject({
        code: ErrorCode.ModelNotFound,
        retryable: false,
      });
    });

    it("throws unavailable, retryable, quickly when the server cannot be reached", async () => {
      const started = performance.now();
      await expect(subject().unreachable.embedDocuments([vacation])).rejects.toMatchObject({
        code: ErrorCode.Unavailable,
        retryable: true,
      });
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it("stops with the signal's reason when the caller aborts", async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(subject().embedder.embedDocuments([vacation], controller.signal)).rejects.toBe(
        controller.signal.reason,
      );
    });
  });
}

function at(vectors: number[][], index: number): number[] {
  const vector = vectors[index];
  if (!vector) throw new Error(`no vector at ${index}`);
  return vector;
}

function norm(vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let index = 0; index < a.length; index += 1) dot += (a[index] ?? 0) * (b[index] ?? 0);
  return dot / (norm(a) * norm(b));
}

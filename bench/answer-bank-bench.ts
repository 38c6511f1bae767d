import { loadDotEnv, parseEnv } from "../shared/config/load-env.ts";
import { createOllamaEmbedder } from "../shared/knowledge/embed/ollama-embedder.ts";
import { formatAnswerBankLatency, runAnswerBankLatencyBench } from "./answer-bank.ts";
import { formatAnswerBankCalibration, runAnswerBankCalibration } from "./answer-bank-calibration.ts";

/**
 * `npm run bench -- answer-bank`: look-up latency at 10k approvals, and the calibration table (the
 * dense rows only when OLLAMA_HOST is set and answers: no model runs on the development machines).
 */
export async function answerBankBench(): Promise<string> {
  loadDotEnv();
  const env = parseEnv(process.env);
  const latency = await runAnswerBankLatencyBench({ dimensions: env.EMBED_DIMENSIONS });
  const embedder = process.env.OLLAMA_HOST
    ? createOllamaEmbedder({
        host: env.OLLAMA_HOST,
        model: env.EMBED_MODEL,
        dimensions: env.EMBED_DIMENSIONS,
      })
    : null;
  const calibration = await runAnswerBankCalibration(embedder);
  return `${formatAnswerBankLatency(latency)}\n\n${formatAnswerBankCalibration(calibration)}`;
}

import { mark, ms, row } from "./bench-report.ts";
import type { SlackBenchResult } from "./slack-bench.ts";

export function formatSlackBench(result: SlackBenchResult): string {
  const { burst, sequential: seq, answers, cleanup } = result;
  const allOne = answers.exactlyOne === answers.questions && answers.otherBotMessages === 0;
  return [
    "Slack: a real `sabio start` process (slack + answer roles: Bolt HTTP mode, Redis, PGlite + LanceDB,",
    "LOG_LEVEL=info); stand-in Slack and Ollama in the bench process.",
    `Acknowledgement: ${burst.count} bursts of ${burst.size} signed app_mentions at once (after 1 unmeasured), new connections each`,
    `  p99 per burst ${burst.p99s.map((value) => ms(value)).join(", ")}: median ${ms(burst.medianP99)}  target p99 ≤ 100 ms ${mark(burst.medianP99 <= 100)}`,
    row(
      "Sabio, every ack of every burst",
      burst.ack,
      `≥ 3 s or not 200: ${burst.late} ${mark(burst.late === 0)}`,
    ),
    row("bare node:http server, same sender (floor)", burst.bare),
    `  each burst fully answered within ${burst.drainSeconds.toFixed(1)} s (median, sender start-up included; model answering at once)`,
    `One question at a time, model latency ${result.modelLatencyMs} ms per call (embed and chat), ${result.tokenDelayMs} ms between tokens`,
    row("ack", seq.ack),
    row(
      "event → first 👀 or thread status",
      seq.firstVisible,
      `target p50 ≤ 300 ms ${mark(seq.firstVisible.p50 <= 300)}`,
    ),
    row("event → answer posted", seq.endToEnd),
    row("  inside the model server", seq.model),
    row(
      "pipeline overhead (the difference)",
      seq.overhead,
      `target p50 ≤ 250 ms ${mark(seq.overhead.p50 <= 250)}`,
    ),
    row("  event → first model request", seq.toFirstModelCall),
    row("  between model requests (search, prompt)", seq.betweenModelCalls),
    row("  model done → last answer call to Slack", seq.modelDoneToPosted),
    `  Slack calls writing one answer: ${seq.replyCalls} (median)`,
    `Answers in each question's thread: ${answers.exactlyOne}/${answers.questions} questions exactly one, ${answers.none} none, ` +
      `${answers.duplicated} more than one; ${answers.otherBotMessages} other bot messages; ${answers.chatCalls} chat calls ${mark(allOne)}`,
    `Cleanup: sabio exited with ${cleanup.exitCode}; ${cleanup.redisKeysLeft} Redis keys left under the run's prefix`,
  ].join("\n");
}

import { mark, ms, row } from "./bench-report.ts";
import type { DiscordBenchResult } from "./discord-bench.ts";

const p95 = "p95" as const;

function perAnswer(stats: { mean: number; max: number }): string {
  return `${stats.mean.toFixed(1)} mean, ${stats.max} max`;
}

export function formatDiscordBench(result: DiscordBenchResult): string {
  const { sequential: seq, burst, edits, answers, cleanup } = result;
  const allOnce =
    answers.exactlyOnce === answers.mentions &&
    answers.otherBotMessages === 0 &&
    answers.chatCalls === answers.mentions;
  const limited = Object.entries(result.rateLimited);
  return [
    "Discord: a real `sabio start answer discord` process (discord.js gateway + REST, Redis, PGlite + LanceDB,",
    "LOG_LEVEL=info); stand-in Discord (per-channel rate limits on: 👀 1/250 ms, creates and edits 5/5 s) and",
    "Ollama in the bench process. Times from the mention's dispatch on the gateway to the REST call reaching Discord.",
    `One mention at a time, model latency ${result.modelLatencyMs} ms per call (embed and chat), ${result.tokenDelayMs} ms between tokens`,
    row("mention → 👀", seq.seen, `target p50 ≤ 300 ms ${mark(seq.seen.p50 <= 300)}`, p95),
    row("mention → thread started", seq.thread, "", p95),
    row("mention → final edit (answer with buttons)", seq.endToEnd, "", p95),
    row("  inside the model server", seq.model, "", p95),
    row(
      "pipeline overhead (the difference)",
      seq.overhead,
      `target p50 ≤ 250 ms ${mark(seq.overhead.p50 <= 250)}`,
      p95,
    ),
    row("  mention → first model request", seq.toFirstModelCall, "", p95),
    row("  model done → final edit", seq.modelDoneToFinal, "", p95),
    `Burst: ${burst.size} mentions dispatched at once, all in #general (model answering at once)`,
    row("mention → 👀 (queued in #general's bucket)", burst.seen, "", p95),
    `  👀 one every ${ms(burst.reactionGapMs)} (median gap): discord.js waits out the reaction bucket's reset (250 ms per channel) plus its 50 ms offset`,
    row("mention → thread started", burst.thread, "", p95),
    row("mention → final edit", burst.endToEnd, "", p95),
    `  all ${burst.size} answered within ${burst.drainSeconds.toFixed(1)} s of the first dispatch`,
    `Edits per answer: ${perAnswer(edits.sequential)} one at a time; ${perAnswer(edits.long)} with ${result.longTokenDelayMs} ms between tokens; ${perAnswer(edits.burst)} in the burst`,
    `  most edits in one thread's 5 s rate-limit window: ${edits.mostInBucket} (Discord allows 5) ${mark(edits.mostInBucket <= 5)}; ` +
      `in any sliding 5 s: ${edits.mostIn5s}; shortest gap between two drafts: ${Number.isFinite(edits.minDraftGapMs) ? ms(edits.minDraftGapMs) : "—"}`,
    row("  long answers: model done → final edit", edits.longModelDoneToFinal, "", p95),
    `  429s from Discord: ${limited.length === 0 ? "none" : limited.map(([route, count]) => `${route} ${count}`).join(", ")}`,
    `Exactly once: ${answers.exactlyOnce}/${answers.mentions} mentions with one 👀, one thread and one answer; ${answers.noAnswer} unanswered, ` +
      `${answers.duplicated} answered twice, ${answers.wrongThreadsOrReactions} with other than one thread or 👀; ${answers.otherBotMessages} other bot messages; ` +
      `${answers.chatCalls} chat calls ${mark(allOnce)}`,
    `Cleanup: sabio exited with ${cleanup.exitCode}; ${cleanup.redisKeysLeft} Redis keys left under the run's prefix`,
  ].join("\n");
}

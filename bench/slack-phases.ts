import { Agent } from "node:http";
import type { OllamaStandIn } from "../test/stand-ins/ollama-server.ts";
import type { SlackStandIn } from "../test/stand-ins/slack-server.ts";
import { median, summarize } from "./bench-report.ts";
import type { ModelTimer } from "./model-timer.ts";
import type { SlackBenchResult } from "./slack-bench.ts";
import { type Ack, burstFromChild, postEvent } from "./slack-post.ts";
import { answersIn, callsIn, type Question } from "./slack-questions.ts";
import { type Timeline, timelineOf } from "./slack-timeline.ts";
import { signedMention } from "./stand-in-sabio.ts";

export interface SlackPhaseSettings {
  burstSize: number;
  bursts: number;
  burstPauseMs: number;
  sequential: number;
  warmup: number;
  modelLatencyMs: number;
  tokenDelayMs: number;
}

export interface SlackHarness {
  eventsUrl: string;
  bareUrl: string;
  slack: SlackStandIn;
  ollama: OllamaStandIn;
  timer: ModelTimer;
}

/** The phases of bench/slack-bench.ts, and what they add up to. */
export async function measureSlack(
  harness: SlackHarness,
  settings: SlackPhaseSettings,
): Promise<Omit<SlackBenchResult, "cleanup">> {
  const { eventsUrl, slack, ollama, timer } = harness;
  /** Every question sent to Sabio: its channel and its ts (the thread its answer belongs in). */
  const questions: Question[] = [];
  const keepAlive = new Agent({ keepAlive: true });
  const ask = (channel: string, index: number) => {
    const event = signedMention(channel, index);
    questions.push(event.question);
    return postEvent(eventsUrl, event, keepAlive);
  };
  try {
    // Warm-up, not measured: every path once or more.
    for (let index = 0; index < settings.warmup; index += 1) {
      const channel = `C0WARM${pad(index)}`;
      await ask(channel, index);
      await answered(slack, channel, 30_000);
    }

    // 1. Bursts: one to warm up, then the measured ones, each after `burstPauseMs` of quiet (so
    //    the bot's pooled connections to Slack have closed, as after a lull) and each right after
    //    the same burst against the bare server. The model answers at once here, so the worker
    //    runs flat out beside the acks (the harder case for them).
    const acks: Ack[][] = [];
    const bareAcks: Ack[][] = [];
    const drains: number[] = [];
    for (let burst = 0; burst <= settings.bursts; burst += 1) {
      const fakes = Array.from({ length: settings.burstSize }, (_, index) =>
        signedMention(`C0FLOOR${pad(index)}`, index),
      );
      await sleep(settings.burstPauseMs);
      const floor = await burstFromChild(harness.bareUrl, fakes);
      const burstChannels = Array.from(
        { length: settings.burstSize },
        (_, index) => `C${burst}BURST${pad(index)}`,
      );
      const events = burstChannels.map((channel, index) => signedMention(channel, index));
      questions.push(...events.map((event) => event.question));
      const started = performance.now();
      const burstAcks = await burstFromChild(eventsUrl, events);
      for (const channel of burstChannels) await answered(slack, channel, 180_000);
      if (burst === 0) continue; // the warm-up burst
      acks.push(burstAcks);
      bareAcks.push(floor);
      drains.push((performance.now() - started) / 1000);
    }

    // 2 and 3. One question at a time, the model with its fixed latency and token pace.
    ollama.latencyMs = settings.modelLatencyMs;
    ollama.tokenDelayMs = settings.tokenDelayMs;
    const timelines: Timeline[] = [];
    for (let index = 0; index < settings.sequential; index += 1) {
      const channel = `C0SEQ${pad(index)}`;
      const sentAt = Date.now();
      const ack = await ask(channel, index);
      await answered(slack, channel, 30_000);
      timelines.push(timelineOf(callsIn(slack, channel), sentAt, ack.ms, timer.calls));
    }

    await sleep(1_000); // room for a late duplicate to show up
    const counts = questions.map((question) => answersIn(slack, question));
    const all = acks.flat();
    const pick = (field: keyof Omit<Timeline, "replyCalls">) =>
      summarize(timelines.map((line) => line[field]));
    return {
      modelLatencyMs: settings.modelLatencyMs,
      tokenDelayMs: settings.tokenDelayMs,
      burst: {
        size: settings.burstSize,
        count: settings.bursts,
        ack: summarize(all.map((ack) => ack.ms)),
        p99s: acks.map((burst) => summarize(burst.map((ack) => ack.ms)).p99),
        medianP99: median(acks.map((burst) => summarize(burst.map((ack) => ack.ms)).p99)),
        late: all.filter((ack) => ack.status !== 200 || ack.ms >= 3_000).length,
        bare: summarize(bareAcks.flat().map((ack) => ack.ms)),
        drainSeconds: median(drains),
      },
      sequential: {
        ack: pick("ackMs"),
        firstVisible: pick("firstVisibleMs"),
        endToEnd: pick("endToEndMs"),
        model: pick("modelMs"),
        overhead: pick("overheadMs"),
        toFirstModelCall: pick("toFirstModelCallMs"),
        betweenModelCalls: pick("betweenModelCallsMs"),
        modelDoneToPosted: pick("modelDoneToPostedMs"),
        replyCalls: summarize(timelines.map((line) => line.replyCalls)).p50,
      },
      answers: {
        questions: counts.length,
        exactlyOne: counts.filter((count) => count.answers === 1).length,
        none: counts.filter((count) => count.answers === 0).length,
        duplicated: counts.filter((count) => count.answers > 1).length,
        otherBotMessages: counts.reduce((sum, count) => sum + count.botMessages - count.answers, 0),
        chatCalls: timer.calls.filter((call) => call.path === "/api/chat").length,
      },
    };
  } finally {
    keepAlive.destroy();
  }
}

/**
 * Resolves once the channel's question has a finished answer and the bot has made no call there
 * for `quietMs` (the answer is in its final form and the worker has moved on).
 */
async function answered(slack: SlackStandIn, channel: string, timeoutMs: number, quietMs = 150) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (answersIn(slack, { channel }).answers > 0) {
      const last = callsIn(slack, channel).at(-1)?.at ?? 0;
      if (Date.now() - last >= quietMs) return;
    }
    await sleep(10);
  }
  throw new Error(`no answer in ${channel} within ${timeoutMs} ms`);
}

function pad(index: number): string {
  return String(index).padStart(4, "0");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

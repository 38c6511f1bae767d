import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Redis } from "ioredis";
import { errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { OutboxProducer } from "#shared/queue/outbox-producer.ts";
import { isThreadActive, markThreadActive } from "./active-threads.ts";
import {
  type NormalizedSlackMessage,
  normalizeSlackQuestion,
  type SlackMessagePlace,
} from "./normalize-slack-question.ts";
import { postThreadReply } from "./post-thread-reply.ts";
import { helpText, keptText, tooLongText, unavailableText } from "./question-reply-texts.ts";
import { showWorking } from "./show-working.ts";
import { claimSlackEvent, releaseSlackEvent, type SlackEventIdentity } from "./slack-event-dedupe.ts";

export interface QuestionHandlerOptions {
  producer: Producer;
  /**
   * Keeps a question Redis cannot take in the database, to be queued when Redis answers again
   * (`createOutboxProducer` over the same producer). Without it the asker is asked to try again.
   */
  outbox?: OutboxProducer | undefined;
  /** For dedupe claims and followed threads; the producer's connection will do. */
  redis: Redis;
  /**
   * The Sabio workspace a Slack team feeds. Single-workspace mode: always SABIO_WORKSPACE for the
   * installed team. Undefined: the team is not ours; its events are ignored with a log line.
   */
  workspaceFor: (teamId: string) => string | undefined;
  /** The bot's user id; defaults to what Bolt learnt from `auth.test` (`context.botUserId`). */
  botUserId?: string | undefined;
  logger: Logger;
  /** Prefix of the dedupe and thread keys (QUEUE_PREFIX; tests pass a random one). */
  keyPrefix?: string | undefined;
  now?: () => Date;
}

export interface QuestionHandlers {
  /** Resolves once every event being handled, reactions included, has finished (shutdown, tests). */
  whenIdle(): Promise<void>;
}

/** One event as the listeners hand it over, whichever type it was. */
interface Delivery {
  source: "app_mention" | "message";
  event: unknown;
  eventId: string;
  teamId: string | undefined;
  botUserId: string | undefined;
  retryNum: number | undefined;
  client: WebClient;
}

/**
 * Questions reach the bot three ways: a mention in a channel (`app_mention`), a direct message
 * (`message`, `channel_type: "im"`), and a reply in a thread the bot already answered in
 * (`message`, no mention needed). Each is claimed once (dedupe), acknowledged visibly at once
 * (👀 and a thread status, not awaited), and enqueued for the answer worker. Nothing here calls
 * the model. Bolt has already acknowledged the HTTP request before these listeners run.
 */
export function registerQuestionHandlers(app: App, options: QuestionHandlerOptions): QuestionHandlers {
  const { logger } = options;
  const keyOptions = options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix };
  const now = options.now ?? (() => new Date());
  const pending = new Set<Promise<unknown>>();

  /** Keeps work that outlives its listener (reactions, status) visible to `whenIdle`. */
  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    void work.then(
      () => pending.delete(work),
      () => pending.delete(work),
    );
    return work;
  }

  app.event("app_mention", async ({ event, body, context, client }) => {
    await track(handleSafely(deliveryOf("app_mention", event, body, context, client)));
  });
  app.event("message", async ({ event, body, context, client }) => {
    await track(handleSafely(deliveryOf("message", event, body, context, client)));
  });

  async function handleSafely(delivery: Delivery): Promise<void> {
    try {
      // Let pending acknowledgements of a burst of events go out before this one's work starts.
      await new Promise((resolve) => setImmediate(resolve));
      await handle(delivery);
    } catch (error) {
      logger.error({ eventId: delivery.eventId, err: errorMessage(error) }, "could not handle slack event");
    }
  }

  async function handle(delivery: Delivery): Promise<void> {
    const log = logger.child({
      eventId: delivery.eventId,
      source: delivery.source,
      ...(delivery.retryNum === undefined ? {} : { retryNum: delivery.retryNum }),
    });
    const { teamId } = delivery;
    if (!teamId) {
      log.warn("slack event without a team id; ignored");
      return;
    }
    const workspaceId = options.workspaceFor(teamId);
    if (workspaceId === undefined) {
      log.info({ teamId }, "slack event from a team with no Sabio workspace; ignored");
      return;
    }
    const botUserId = options.botUserId ?? delivery.botUserId;
    const message = normalizeSlackQuestion(delivery.event, { teamId, botUserId });
    if (message.kind === "ignore") {
      log.debug({ reason: message.reason }, "slack event ignored");
      return;
    }
    if (delivery.source === "message" && !(await isMeantForBot(message))) return;

    const { place } = message;
    const identity: SlackEventIdentity = {
      eventId: delivery.eventId,
      teamId,
      channelId: place.channelId,
      ts: place.messageId,
    };
    let claim: "claimed" | "duplicate" | "redis_down";
    try {
      claim = (await claimSlackEvent(options.redis, identity, keyOptions)) ? "claimed" : "duplicate";
    } catch (error) {
      log.warn({ err: errorMessage(error) }, "could not claim slack event; redis unavailable?");
      claim = "redis_down";
    }
    if (claim === "duplicate") {
      log.info({ channelId: place.channelId, ts: place.messageId }, "duplicate slack delivery ignored");
      return;
    }

    if (message.kind === "help") {
      // Help and "too long" need no Redis; while it is down a rare redelivery repeats the hint.
      await postThreadReply(delivery.client, place, helpText(botUserId), log);
    } else if (message.kind === "too_long") {
      log.info({ length: message.length }, "slack question too long");
      await postThreadReply(delivery.client, place, tooLongText(message.length), log);
    } else {
      const question = { workspaceId, eventId: delivery.eventId, place, text: message.text };
      if (claim === "claimed") {
        // Not awaited: enqueueing never waits for Slack.
        void track(showWorking(delivery.client, place, log));
      }
      const outcome = await enqueueQuestion(question, log);
      if (outcome === "failed") {
        // A later delivery of this event (a replay after a reconnect) may then still get through.
        if (claim === "claimed") await releaseSlackEvent(options.redis, identity, keyOptions).catch(() => {});
        await postThreadReply(delivery.client, place, unavailableText, log);
        return;
      }
      if (claim === "redis_down") {
        // No Redis claim: the queue's dedupe or the outbox row's primary key (both the event's
        // dedupe id) said whether this delivery is the first. See slack-event-dedupe.ts.
        if (outcome === "duplicate") {
          log.info({ channelId: place.channelId, ts: place.messageId }, "duplicate slack delivery ignored");
          return;
        }
        void track(showWorking(delivery.client, place, log));
      }
      if (outcome === "kept") await postThreadReply(delivery.client, place, keptText, log);
    }
    // The bot now takes part in this thread: replies there are follow-ups.
    if (place.channelType !== "im") {
      await markThreadActive(
        options.redis,
        { teamId, channelId: place.channelId, threadTs: place.threadId },
        keyOptions,
      ).catch((error: unknown) => {
        // Redis down: follow-ups without a mention are missed until the next answered mention.
        log.warn({ err: errorMessage(error) }, "could not mark the thread as followed");
      });
    }
  }

  /**
   * Hands the question to the answer worker, or keeps it in the outbox while Redis is down.
   * "duplicate": the queue or the outbox already had this event. "failed": refused (logged).
   */
  async function enqueueQuestion(
    question: { workspaceId: string; eventId: string; place: SlackMessagePlace; text: string },
    log: Logger,
  ): Promise<"queued" | "kept" | "duplicate" | "failed"> {
    const { place } = question;
    const payload: JobPayloadInput<"questions"> = {
      workspaceId: question.workspaceId,
      platform: "slack",
      eventId: question.eventId,
      channelId: place.channelId,
      threadId: place.threadId,
      messageId: place.messageId,
      userId: place.userId,
      teamId: place.teamId,
      text: question.text,
      receivedAt: now().toISOString(),
    };
    try {
      if (options.outbox) {
        const result = await options.outbox.enqueueOrKeep("questions", payload);
        if (result.status === "kept") {
          log.info(
            { outboxId: result.outboxId, duplicate: result.duplicate, workspaceId: question.workspaceId },
            "slack question kept until redis is back",
          );
          return result.duplicate ? "duplicate" : "kept";
        }
        log.info(
          { jobId: result.jobId, duplicate: result.duplicate, workspaceId: question.workspaceId },
          "slack question enqueued",
        );
        return result.duplicate ? "duplicate" : "queued";
      }
      const { jobId, duplicate } = await options.producer.enqueue("questions", payload);
      log.info({ jobId, duplicate, workspaceId: question.workspaceId }, "slack question enqueued");
      return duplicate ? "duplicate" : "queued";
    } catch (error) {
      log.error(
        { err: errorMessage(error), code: isAppError(error) ? error.code : undefined },
        "could not enqueue slack question",
      );
      return "failed";
    }
  }

  /**
   * A plain `message` is for the bot in a DM, or as a reply in a thread it answered in. Mentions
   * in channels come as `app_mention` (also sent when the message is in such a thread: the claim
   * makes it one question). In a thread, emoji-only replies and talk addressed to someone else
   * are left alone.
   */
  async function isMeantForBot(
    message: Exclude<NormalizedSlackMessage, { kind: "ignore" }>,
  ): Promise<boolean> {
    const { place } = message;
    if (place.channelType === "im") return true;
    if (place.parentThreadTs === undefined) return false;
    if (message.kind === "help") return false;
    if (message.kind === "question" && message.addressedToSomeoneElse) return false;
    return isThreadActive(
      options.redis,
      { teamId: place.teamId, channelId: place.channelId, threadTs: place.parentThreadTs },
      keyOptions,
    );
  }

  return {
    async whenIdle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

function deliveryOf(
  source: Delivery["source"],
  event: unknown,
  body: { event_id: string; team_id: string },
  context: { teamId?: string; botUserId?: string; retryNum?: number },
  client: WebClient,
): Delivery {
  return {
    source,
    event,
    eventId: body.event_id,
    // The installation's team (from `authorizations`), falling back to the envelope's.
    teamId: context.teamId ?? body.team_id,
    botUserId: context.botUserId,
    retryNum: context.retryNum,
    client,
  };
}

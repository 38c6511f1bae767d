import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { mentionSafeLength } from "./mention-safe-length.ts";
import type { PostedMessage, Reply, ReplyStream } from "./platform.ts";

/**
 * The one message that shows an answer while it is written (a platform's own): its id never
 * changes, so the handle recorded before the first token stays true until the end.
 */
export interface LiveDraft<Part> {
  /** "stream" appends pieces natively (Slack's chat.*Stream); "placeholder" rewrites the message. */
  readonly mode: "stream" | "placeholder";
  /** Shows the draft: `whole` is all Markdown so far, `added` the part not shown before. */
  show(whole: string, added: string): Promise<void>;
  /** Takes the draft away (another attempt starts over). */
  clear(): Promise<void>;
  /** Turns the draft into the finished message's first part; returns its id. */
  settle(part: Part): Promise<string>;
}

export interface DraftReplyOptions<Part> {
  /** "Slack", "Discord": named in the log line of a failed draft update. */
  platformName: string;
  live: LiveDraft<Part>;
  /** Shortest time between two showings of the draft (Slack's chat.update is ~50/min per workspace). */
  updateIntervalMs: number;
  /** A stream gets this much new text at once without waiting for the interval. */
  flushChars: number;
  now: () => number;
  logger: Logger;
  render: (reply: Reply) => Part[];
  /** Posts a further part of a long answer in the thread; returns its id. */
  postFollowUp: (part: Part) => Promise<string>;
}

/**
 * A reply written while the model generates. `append` and `reset` never reject and never wait
 * (the worker fires them and moves on): text is buffered and shown at most every
 * `updateIntervalMs`, in order, one platform call at a time. Drafts are best effort — a failed
 * showing is logged and the draft stops updating — while `finish` puts the answer in place or throws.
 */
export function createDraftReply<Part>(options: DraftReplyOptions<Part>): ReplyStream {
  const { live, logger, now } = options;
  let text = "";
  let shown = 0;
  let lastShownAt = Number.NEGATIVE_INFINITY;
  let drafting = true;
  let state: "open" | "finishing" | "done" = "open";
  let timer: NodeJS.Timeout | undefined;
  /** A showing is queued or under way: text arriving meanwhile waits for it to end. */
  let showing = false;
  let queue: Promise<void> = Promise.resolve();

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task).catch((error: unknown) => {
      logger.warn(
        { error: errorMessage(error) },
        `${options.platformName} draft update failed; the answer will still replace it`,
      );
    });
    return queue;
  };
  const cancelTimer = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const schedule = () => {
    const pending = text.length - shown;
    if (timer || showing || state !== "open" || !drafting || pending === 0) return;
    const urgent = live.mode === "stream" && pending >= options.flushChars;
    const wait = urgent ? 0 : Math.max(0, lastShownAt + options.updateIntervalMs - now());
    timer = setTimeout(() => {
      timer = undefined;
      showing = true;
      void enqueue(show);
    }, wait);
  };
  const show = async () => {
    let called = false;
    try {
      const safe = mentionSafeLength(text);
      if (state !== "open" || !drafting || safe <= shown) return;
      const added = text.slice(shown, safe);
      shown = safe;
      called = true;
      await live.show(text.slice(0, safe), added);
    } catch (error) {
      drafting = false;
      throw error;
    } finally {
      showing = false;
      // Counted from when the platform answered, so a slow call never squeezes the next one closer.
      if (called) lastShownAt = now();
      schedule();
    }
  };

  return {
    append(piece) {
      if (state === "open") {
        text += piece;
        schedule();
      }
      return Promise.resolve();
    },
    reset() {
      if (state !== "open") return Promise.resolve();
      cancelTimer();
      text = "";
      shown = 0;
      drafting = true;
      return enqueue(() => live.clear());
    },
    async finish(reply: Reply): Promise<PostedMessage> {
      if (state !== "open") {
        throw new AppError(
          ErrorCode.Internal,
          `This ${options.platformName} reply was already ${state}; it cannot finish again.`,
        );
      }
      state = "finishing";
      cancelTimer();
      await queue;
      const [first, ...rest] = options.render(reply);
      if (!first) {
        throw new AppError(ErrorCode.Internal, `The answer rendered to no ${options.platformName} message.`);
      }
      const ids = [await live.settle(first)];
      for (const part of rest) ids.push(await options.postFollowUp(part));
      state = "done";
      return { id: ids[0] ?? "", ids };
    },
  };
}

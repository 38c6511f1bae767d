import type { ReplyTarget } from "#shared/platform/platform.ts";
import type { DraftReply } from "./draft-reply.ts";

/** A draft nobody finished or failed for this long is forgotten (its job is long gone). */
const maxAgeMs = 30 * 60_000;

export interface OpenDrafts {
  /** Removes and returns the unfinished draft for this question, if this process has one. */
  take(target: ReplyTarget): DraftReply | undefined;
  add(target: ReplyTarget, draft: DraftReply): void;
  /** Forgets the draft once its answer is in place (unless a newer one took its key). */
  settled(target: ReplyTarget, draft: DraftReply): void;
}

/**
 * Unfinished drafts by question, so a retried attempt reuses the message the failed one left
 * ("_Thinking…_" or half an answer) and an error replaces it: one message per question, never a
 * stale draft next to the answer.
 */
export function createOpenDrafts(now: () => number): OpenDrafts {
  const drafts = new Map<string, { draft: DraftReply; openedAt: number }>();
  const prune = () => {
    for (const [key, entry] of drafts) if (now() - entry.openedAt > maxAgeMs) drafts.delete(key);
  };
  return {
    take(target) {
      const key = draftKey(target);
      const entry = drafts.get(key);
      drafts.delete(key);
      return entry?.draft;
    },
    add(target, draft) {
      prune();
      drafts.set(draftKey(target), { draft, openedAt: now() });
    },
    settled(target, draft) {
      const key = draftKey(target);
      if (drafts.get(key)?.draft === draft) drafts.delete(key);
    },
  };
}

function draftKey(target: ReplyTarget): string {
  const question = target.questionId ?? target.messageId ?? "";
  return [target.workspaceId, target.channelId ?? "", target.threadId ?? "", question].join("/");
}

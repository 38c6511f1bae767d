import type { ExamplePassage } from "./training-example.ts";
import type { UsableApproval } from "./usable-approval.ts";

/** Every passage served in the workspace once (by chunk), in a fixed order: where distractors come from. */
export function distractorPool(approvals: readonly UsableApproval[]): ExamplePassage[] {
  const byChunk = new Map<string, ExamplePassage>();
  for (const approval of approvals) {
    for (const passage of approval.served.passages) {
      if (byChunk.has(passage.chunkId)) continue;
      byChunk.set(passage.chunkId, {
        title: passage.title,
        text: passage.text,
        documentId: passage.documentId,
        chunkId: passage.chunkId,
        servedNumber: null,
      });
    }
  }
  return [...byChunk.values()].sort((a, b) => (a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0));
}

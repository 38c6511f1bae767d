import { describe, expect, it } from "vitest";
import type { Platform, Reply, ReplyHandle, ReplyTarget } from "#shared/platform/platform.ts";

/** What the asker sees of the bot's replies in the question's conversation, oldest first. */
export interface VisibleReply {
  id: string;
  text: string;
}

/** One platform under test, fresh for each case (its stand-in started, its thread empty). */
export interface PlatformHarness {
  /** A new platform instance on the same conversation, as another process would make it. */
  platform(): Platform;
  target: ReplyTarget;
  visible(): Promise<VisibleReply[]>;
  /** Whether a posted message can be edited (a terminal can only print the new version). */
  editsInPlace: boolean;
  /** Makes the platform's draft updates fail at the wire from now on. */
  failDraftUpdates(): void;
  /** Seeds an earlier exchange in the conversation, when the platform has threads. */
  seedHistory?(turns: { role: "user" | "assistant"; text: string }[]): Promise<void>;
  close(): Promise<void>;
}

const reply: Reply = {
  text: "Vacation is 25 days a year [1].",
  mode: "generated",
  model: "m",
  sources: [{ n: 1, title: "Handbook", url: "https://example.com/handbook", documentId: "d1" }],
};

/**
 * What every chat platform must do for the answer worker (Slack, CLI, and each later one): post,
 * stream, finish, update, error, history, and take over a reply another process started.
 */
export function platformContract(name: string, start: () => Promise<PlatformHarness>): void {
  describe(`${name} platform contract`, () => {
    const withHarness = (test: (harness: PlatformHarness) => Promise<void>) => async () => {
      const harness = await start();
      try {
        await test(harness);
      } finally {
        await harness.close();
      }
    };
    const recorder = () => {
      const handles: ReplyHandle[] = [];
      return { handles, record: async (handle: ReplyHandle) => void handles.push(handle) };
    };

    it(
      "posts a reply the asker can read",
      withHarness(async (harness) => {
        const posted = await harness.platform().post(harness.target, reply);
        const visible = await harness.visible();
        expect(visible).toHaveLength(1);
        expect(visible[0]?.id).toBe(posted.id);
        expect(visible[0]?.text).toContain("25 days");
      }),
    );

    it(
      "streams, records the handle before any token, and finishes as one message",
      withHarness(async (harness) => {
        const { handles, record } = recorder();
        const stream = await harness.platform().stream(harness.target, { record });
        expect(handles).toHaveLength(1);
        await stream.append("Vacation is ");
        await stream.append("25 days");
        const posted = await stream.finish(reply);
        const visible = await harness.visible();
        expect(visible).toHaveLength(1);
        expect(visible[0]?.text).toContain("25 days a year");
        expect(posted.id).toBe(handles[0]?.messageId);
      }),
    );

    it(
      "an append that fails at the wire never rejects, and finish still puts the answer in place",
      withHarness(async (harness) => {
        const stream = await harness.platform().stream(harness.target, recorder());
        harness.failDraftUpdates();
        await expect(stream.append("Vacation ")).resolves.toBeUndefined();
        await expect(stream.reset()).resolves.toBeUndefined();
        await expect(stream.append("is")).resolves.toBeUndefined();
        await stream.finish(reply);
        const visible = await harness.visible();
        expect(visible.at(-1)?.text).toContain("25 days a year");
      }),
    );

    it(
      "updates a posted reply in place",
      withHarness(async (harness) => {
        const platform = harness.platform();
        const posted = await platform.post(harness.target, { ...reply, text: "First version [1]." });
        await platform.update(harness.target, posted, reply);
        const visible = await harness.visible();
        expect(visible.at(-1)?.text).toContain("25 days a year");
        if (harness.editsInPlace) {
          expect(visible).toHaveLength(1);
          expect(visible[0]?.text).not.toContain("First version");
        }
      }),
    );

    it(
      "takes over a reply another process started: one answer, no fragment",
      withHarness(async (harness) => {
        const first = recorder();
        const dead = await harness.platform().stream(harness.target, first);
        await dead.append("From the documentation: Get reimbursed › ");
        const second = recorder();
        const stream = await harness
          .platform()
          .stream(harness.target, { takeOver: first.handles[0], record: second.record });
        await stream.append("Vacation is 25 days");
        await stream.finish(reply);
        const visible = await harness.visible();
        expect(visible).toHaveLength(1);
        expect(visible[0]?.text).toContain("25 days a year");
        expect(visible[0]?.text).not.toContain("Get reimbursed");
      }),
    );

    it(
      "turns a started reply into the error line when given its handle",
      withHarness(async (harness) => {
        const first = recorder();
        const stream = await harness.platform().stream(harness.target, first);
        await stream.append("Half an ans");
        await harness.platform().error(harness.target, "Sorry, I couldn't answer.", first.handles[0]);
        const visible = await harness.visible();
        expect(visible).toHaveLength(1);
        expect(visible[0]?.text).toContain("Sorry, I couldn't answer.");
      }),
    );

    it(
      "reads the conversation so far, oldest first, when it has one",
      withHarness(async (harness) => {
        const platform = harness.platform();
        if (!platform.history || !harness.seedHistory) {
          expect(platform.history).toBeUndefined();
          return;
        }
        await harness.seedHistory([
          { role: "user", text: "How many vacation days?" },
          { role: "assistant", text: "25 days." },
        ]);
        const turns = await platform.history(harness.target, 6);
        expect(turns.slice(-2).map((turn) => turn.role)).toEqual(["user", "assistant"]);
        expect(turns.at(-1)?.text).toContain("25 days");
      }),
    );
  });
}

import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import { members } from "#shared/db/schema.ts";
import type { PlatformUser } from "#shared/platform/platform.ts";
import { createReviewService } from "#shared/review/review-service.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { countSeats } from "./count-seats.ts";
import { recordMemberActivity } from "./record-member-activity.ts";

const day = 24 * 3600 * 1000;
const now = new Date("2026-12-01T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * day);

describe.each(testDatabaseBackends)("seat count on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const newWorkspace = () => `ws-${randomUUID().slice(0, 8)}`;
  const asked = (workspaceId: string, platform: string, userId: string, at: Date, isBot = false) =>
    recordMemberActivity(db(), { workspaceId, platform, userId, activity: "asked", at, isBot });

  it("is at least one seat, even with nobody active", async () => {
    expect(await countSeats(db(), newWorkspace(), now)).toBe(1);
  });

  it("counts people active in the last 28 days on any platform, once each", async () => {
    const workspaceId = newWorkspace();
    await asked(workspaceId, "slack", "U1", ago(1));
    await asked(workspaceId, "slack", "U1", ago(0));
    await asked(workspaceId, "discord", "U1", ago(27.9));
    await asked(workspaceId, "slack", "U-old", ago(28));
    await asked(workspaceId, "slack", "U-older", ago(40));
    await asked(newWorkspace(), "slack", "U-elsewhere", ago(0));
    expect(await countSeats(db(), workspaceId, now)).toBe(2);
    // A day later the discord identity has aged out.
    expect(await countSeats(db(), workspaceId, new Date(now.getTime() + day))).toBe(1);
  });

  it("never counts a bot, and a member once marked a bot stays one", async () => {
    const workspaceId = newWorkspace();
    await asked(workspaceId, "slack", "U1", ago(0));
    await asked(workspaceId, "slack", "B-bot", ago(0), true);
    await asked(workspaceId, "slack", "B-bot", ago(0));
    await asked(workspaceId, "discord", "D-bot", ago(0), true);
    expect(await countSeats(db(), workspaceId, now)).toBe(1);
  });

  it("says who became active: new, or back after the window; never moves activity back in time", async () => {
    const workspaceId = newWorkspace();
    expect(await asked(workspaceId, "slack", "U1", ago(30))).toEqual({ becameActive: true });
    expect(await asked(workspaceId, "slack", "U1", ago(1))).toEqual({ becameActive: true });
    expect(await asked(workspaceId, "slack", "U1", ago(0))).toEqual({ becameActive: false });
    // A retried job with its original, older time.
    await asked(workspaceId, "slack", "U1", ago(5));
    const [row] = await db()
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), eq(members.userId, "U1")));
    expect(row?.lastActiveAt.toISOString()).toBe(now.toISOString());
    expect(row?.firstSeenAt.toISOString()).toBe(ago(30).toISOString());
  });

  it("makes voters and reviewers active members through the review service", async () => {
    const workspaceId = newWorkspace();
    const { id: questionId } = await recordQuestion(db(), {
      workspaceId,
      platform: "slack",
      eventId: `Ev${randomUUID()}`,
      text: "How many vacation days?",
    });
    await recordAnswer(db(), { questionId, mode: "generated", model: "m", text: "25 days [1]." });
    const voter: PlatformUser = { platform: "discord", userId: "D-voter" };
    const reviewer: PlatformUser = { platform: "slack", userId: "U-reviewer" };
    const service = createReviewService<undefined>({
      database: db(),
      approvers: { isApprover: async (user) => user.userId === reviewer.userId },
    });
    await service.vote({ questionId, workspaceId, reviewer: voter, value: "up" });
    await service.approve({ questionId, workspaceId, reviewer, context: undefined });
    // A non-approver's refused approval is no activity.
    await service.approve({
      questionId,
      workspaceId,
      reviewer: { platform: "slack", userId: "U-x" },
      context: undefined,
    });
    const rows = await db().select().from(members).where(eq(members.workspaceId, workspaceId));
    expect(rows.map((row) => [row.platform, row.userId, row.lastActivity]).sort()).toEqual([
      ["discord", "D-voter", "feedback"],
      ["slack", "U-reviewer", "reviewed"],
    ]);
    expect(await countSeats(db(), workspaceId, new Date())).toBe(2);
  });
});

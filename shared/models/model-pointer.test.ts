import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { currentModel, modelHistory, promoteModel, rollbackModel } from "./model-pointer.ts";

describe.each(testDatabaseBackends)("the chat model pointer on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const workspace = () => `ws-${randomUUID().slice(0, 8)}`;

  it("is the default until a promotion, and per workspace", async () => {
    const [one, two] = [workspace(), workspace()];
    expect(await currentModel(db(), one)).toBeNull();
    await promoteModel(db(), one, "sabio-one:r1");
    expect(await currentModel(db(), one)).toBe("sabio-one:r1");
    expect(await currentModel(db(), two)).toBeNull();
  });

  it("rolls back like a stack: B → A → the default, and a later promotion remembers what it replaced", async () => {
    const id = workspace();
    await promoteModel(db(), id, "A");
    expect(await promoteModel(db(), id, "B")).toEqual({ previous: "A" });
    expect(await rollbackModel(db(), id)).toEqual({ from: "B", to: "A" });
    expect(await currentModel(db(), id)).toBe("A");
    expect(await rollbackModel(db(), id)).toEqual({ from: "A", to: null });
    expect(await currentModel(db(), id)).toBeNull();
    await promoteModel(db(), id, "C");
    await rollbackModel(db(), id);
    expect(await currentModel(db(), id)).toBeNull();
    await promoteModel(db(), id, "D");
    await promoteModel(db(), id, "E");
    await rollbackModel(db(), id);
    expect(await currentModel(db(), id)).toBe("D");
    expect((await modelHistory(db(), id)).map((row) => row.action)).toHaveLength(9);
  });

  it("a rollback with nothing promoted stays on the default", async () => {
    const id = workspace();
    expect(await rollbackModel(db(), id)).toEqual({ from: null, to: null });
    expect(await currentModel(db(), id)).toBeNull();
  });
});

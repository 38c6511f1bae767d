import { platformContract } from "#test/contracts/platform-contract.ts";
import { createCliPlatform } from "./cli-platform.ts";
import type { Output } from "./output.ts";

// `ask --json` as a program reads it: one JSON document per reply on stdout, errors on stderr.
platformContract("CLI (--json)", async () => {
  const printed: { kind: "out" | "note"; text: string }[] = [];
  let writesFail = false;
  const output: Output = {
    out: (text) => void printed.push({ kind: "out", text }),
    note: (text) => void printed.push({ kind: "note", text }),
    write: () => {
      if (writesFail) throw new Error("EPIPE");
    },
  };
  const platform = createCliPlatform(output, { json: true });
  return {
    target: { workspaceId: "acme" },
    editsInPlace: false,
    platform: () => platform,
    async visible() {
      return printed.map((line, index) => ({
        id: `cli-${index + 1}`,
        text: line.kind === "out" ? String((JSON.parse(line.text) as { answer: unknown }).answer) : line.text,
      }));
    },
    failDraftUpdates: () => {
      writesFail = true;
    },
    close: async () => {},
  };
});

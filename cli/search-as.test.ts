import { describe, expect, it } from "vitest";
import {
  driveDocument,
  searchTitles,
  useIndexedDataDir,
  indexedWorkspaceId as workspaceId,
} from "#test/helpers/indexed-data-dir.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";

/** What a Drive sync will produce; no connector sets access yet, so the test indexes it directly. */
const documents = [
  driveDocument(
    "bob",
    "Bob salary review",
    "# Bob salary review\n\nThe wombat bonus for Bob is paid in June.",
    {
      users: ["bob@example.com"],
    },
  ),
  driveDocument(
    "handbook",
    "Wombat handbook",
    "# Wombat handbook\n\nThe wombat bonus schedule is set by finance.",
    { domains: ["example.com"] },
  ),
  driveDocument("faq", "Wombat FAQ", "# Wombat FAQ\n\nAnyone may ask finance about the wombat bonus.", {
    public: true,
  }),
];

describe.each(["lancedb", "qdrant"] as const)("sabio search/ask --as <email> (%s)", (backend) => {
  const indexed = useIndexedDataDir(backend, documents);
  const env = () => indexed().env;
  const titles = (as: string[]) => searchTitles(env(), "wombat bonus", as);

  it("finds a document shared only with bob --as bob@example.com, and never --as alice@example.com", async () => {
    expect(await titles(["--as", "bob@example.com"])).toEqual([
      "Bob salary review",
      "Wombat FAQ",
      "Wombat handbook",
    ]);
    expect(await titles(["--as", "Bob@Example.COM"])).toContain("Bob salary review");
    expect(await titles(["--as", "alice@example.com"])).toEqual(["Wombat FAQ", "Wombat handbook"]);
    expect(await titles(["--as", "carol@other.com"])).toEqual(["Wombat FAQ"]);
    // Without --as the CLI is the operator: everything.
    expect(await titles([])).toEqual(["Bob salary review", "Wombat FAQ", "Wombat handbook"]);
  });

  it("answers --as alice without bob's passage anywhere, and --as bob from it", async () => {
    const question = ["ask", "When is the wombat bonus for Bob paid?", "--workspace", workspaceId, "--json"];
    const alice = await runSabio([...question, "--as", "alice@example.com"], env());
    expect(alice.code).toBe(0);
    expect(alice.stdout).not.toContain("June");
    expect(alice.stdout).not.toContain("Bob salary review");
    const bob = await runSabio([...question, "--as", "bob@example.com"], env());
    expect(bob.code).toBe(0);
    expect(bob.stdout).toContain("Bob salary review");
  });

  it("with DRIVE_ACCESS=workspace, --as restricts nothing and says so", async () => {
    const run = await runSabio(
      ["search", "wombat bonus", "--workspace", workspaceId, "--as", "carol@other.com", "--json"],
      { ...env(), DRIVE_ACCESS: "workspace" },
    );
    expect(JSON.parse(run.stdout).results).toHaveLength(3);
    expect(run.notes).toContain("DRIVE_ACCESS=workspace");
  });

  it("refuses an --as that is not an email address (exit 2, the usage line)", async () => {
    const run = await runSabio(["search", "wombat", "--workspace", workspaceId, "--as", "bob"], env());
    expect(run.code).toBe(2);
    expect(run.notes).toContain("--as needs an email address");
    expect(run.notes).toContain("[--as <email>]");
  });
});

import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

interface AskJson {
  answer: string;
  mode: "generated" | "extractive";
  sources: { n: number; title: string; url: string }[];
}

const connectionId = "drive-service-account@default";

/**
 * `sabio sync` of the Drive a service account reads as GOOGLE_DRIVE_SUBJECT (domain-wide
 * delegation), every Google URL pointed at the stand-in; then `ask` cites webViewLinks, and `--as`
 * answers never show a file shared only with someone else.
 */
describe("sabio sync, ask and sources with a Drive service account", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let drive: DriveStandIn;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;
  let handbook: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    drive = await startDriveStandIn();
    ollama = await startOllamaStandIn();
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyFile = join(temp.path, "service-account.json");
    await writeFile(
      keyFile,
      JSON.stringify({
        type: "service_account",
        client_email: "sabio@acme-project.iam.gserviceaccount.com",
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      }),
    );
    handbook = drive.addDoc({
      name: "Travel handbook",
      markdown: "# Travel\n\nThe daily meal allowance when travelling is 45 euros.",
      permissions: [{ type: "domain", role: "reader", domain: "example.com" }],
    }).id;
    drive.addDoc({
      name: "Bob salary review",
      markdown: "# Bob salary review\n\nThe wombat bonus for Bob is paid in June.",
      permissions: [{ type: "user", role: "reader", emailAddress: "bob@example.com" }],
    });
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      GOOGLE_SERVICE_ACCOUNT_FILE: keyFile,
      GOOGLE_DRIVE_SUBJECT: drive.account.email,
      GOOGLE_API_URL: drive.rootUrl,
      GOOGLE_TOKEN_URL: drive.tokenUrl,
    };
  });

  afterAll(async () => {
    await ollama?.stop();
    await drive?.close();
    await temp?.remove();
  });

  const sabio = (argv: string[]) => runSabio(argv, env);
  const ask = async (question: string, ...extra: string[]) => {
    const run = await sabio(["ask", question, "--workspace", "default", "--json", ...extra]);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as AskJson;
  };

  it("syncs the Drive: a full pass first, then incremental", async () => {
    const first = await sabio(["sync", "--workspace", "default", "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      source: connectionId,
      mode: "full",
      state: "ok",
      complete: true,
      documents: 2,
    });
    // The service account acted as the subject.
    expect(drive.tokenGrants.at(-1)).toMatchObject({
      grantType: "jwt-bearer",
      issuer: "sabio@acme-project.iam.gserviceaccount.com",
      subject: drive.account.email,
      error: undefined,
    });
    const second = await sabio(["sync", "--workspace", "default", "--source", connectionId, "--json"]);
    expect(JSON.parse(second.stdout)).toMatchObject({ mode: "incremental", state: "ok", embedded: 0 });
  });

  it("lists the connection in `sabio sources`", async () => {
    const run = await sabio(["sources", "--workspace", "default", "--json"]);
    const sources = JSON.parse(run.stdout).sources as { id: string; kind: string; label: string }[];
    expect(sources).toContainEqual(
      expect.objectContaining({ id: connectionId, kind: "drive", label: "Google Drive (service account)" }),
    );
  });

  it("ask cites the file's webViewLink", async () => {
    const answer = await ask("What is the daily meal allowance when travelling?");
    expect(answer.sources[0]).toMatchObject({
      title: "Travel handbook",
      url: `https://docs.google.com/document/d/${handbook}/edit?usp=drivesdk`,
    });
  });

  it("--as never shows a file shared only with someone else", async () => {
    const alice = await ask("When is the wombat bonus for Bob paid?", "--as", "alice@example.com");
    expect(JSON.stringify(alice)).not.toContain("June");
    expect(alice.sources.map((source) => source.title)).not.toContain("Bob salary review");
    const bob = await ask("When is the wombat bonus for Bob paid?", "--as", "bob@example.com");
    expect(bob.sources.map((source) => source.title)).toContain("Bob salary review");
  });

  it("--full after a trash removes it; disconnect removes everything and warns the variable is still set", async () => {
    drive.trash(handbook);
    const full = await sabio(["sync", "--workspace", "default", "--full", "--json"]);
    expect(JSON.parse(full.stdout)).toMatchObject({ mode: "full", complete: true, deleted: 1 });
    const run = await sabio(["disconnect", "--workspace", "default", "--source", connectionId, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: "removed",
      documentsRemoved: 1,
      warning: "GOOGLE_SERVICE_ACCOUNT_FILE is still set",
    });
  });
});

import { main } from "../../cli/main.ts";

export interface SabioRun {
  /** The exit code `main` returned. */
  code: number;
  /** Result lines and streamed text, as a shell would see them on stdout. */
  stdout: string;
  /** Notes for the person (progress, hints, errors), as a shell would see them on stderr. */
  notes: string;
}

/** Runs the `sabio` CLI in-process with `env` as its environment and captures what it prints. */
export async function runSabio(argv: string[], env: Record<string, string | undefined>): Promise<SabioRun> {
  let stdout = "";
  let notes = "";
  const code = await main(argv, env, {
    out: (text) => {
      stdout += `${text}\n`;
    },
    note: (text) => {
      notes += `${text}\n`;
    },
    write: (text) => {
      stdout += text;
    },
  });
  return { code, stdout, notes };
}

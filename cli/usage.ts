import type { CommandName } from "./parse-command-line.ts";

/** One way of calling a command: what to type after `sabio`, and what it does. */
interface UsageEntry {
  command: CommandName;
  line: string;
  description: string;
}

const entries: UsageEntry[] = [
  {
    command: "ingest",
    line: "ingest <path> --workspace <id> [--source <id>] [--base-url <url>] [--json]",
    description:
      "Index a folder (Markdown, text, HTML, PDF, DOCX) as a source;\n--source re-points a moved folder, --base-url cites its published pages",
  },
  {
    command: "sync",
    line: "sync --workspace <id> [--source <id>] [--full] [--json]",
    description: "Sync the workspace's sources now (--full also removes un-shared pages)",
  },
  {
    command: "sources",
    line: "sources --workspace <id> [--json]",
    description: "List connected sources: state, last sync, documents, last error",
  },
  {
    command: "connect",
    line: "connect notion|drive --workspace <id> [--json]",
    description: "Print a link an admin opens to connect a Notion workspace or Google Drive (OAuth)",
  },
  {
    command: "disconnect",
    line: "disconnect --workspace <id> --source <id> [--json]",
    description: "Remove a connection and everything indexed from it",
  },
  {
    command: "search",
    line: "search <query> --workspace <id> [--as <email>] [--limit N] [--json]",
    description: "Hybrid search of the workspace's documents (--as: only what that person may see)",
  },
  {
    command: "search",
    line: "search --batch <file.jsonl> --workspace <id> [--as <email>] [--limit N]",
    description: 'One {"id","query"} per line in, one {"id","results"} per line out',
  },
  {
    command: "ask",
    line: "ask <question> --workspace <id> [--as <email>] [--json]",
    description:
      "Answer with citations (extractive when no model is available);\n--as answers as that person would be answered",
  },
  {
    command: "start",
    line: "start [role…]",
    description:
      "Run roles in this process: answer, slack, discord, sync, web, train\n(default: all configured but train, which runs only when named)",
  },
  {
    command: "doctor",
    line: "doctor",
    description: "Check Redis, database, vector store, Ollama and models",
  },
  {
    command: "model",
    line: "model list|promote <name>|rollback --workspace <id> [--json]",
    description:
      "The workspace's fine-tuned models and which one answers;\npromote one, or roll back to the previous (or CHAT_MODEL)",
  },
  {
    command: "approve",
    line: "approve --workspace <id> --question <id> [--by <name>] [--text-file <file> | --drop] [--json]",
    description:
      "Approve an answer (with --text-file: correct it, then approve);\na stale approval is re-approved against its documents as they are now;\n--drop deletes the approval (the answer waits for approval again)",
  },
  {
    command: "approvals",
    line: "approvals --workspace <id> [--state pending|approved|stale] [--json]",
    description: "Answers waiting for approval, approved, or stale (a cited document changed)",
  },
  {
    command: "dataset",
    line: "dataset --workspace <id> --out <dir> [--json]",
    description:
      "Write the fine-tuning dataset of approved answers (MLX-LM chat JSONL:\ntrain, valid, test, dataset.json); scrubbed, within TRAIN_MAX_SEQ_TOKENS",
  },
  {
    command: "train",
    line: "train --workspace <id> [--dry-run] [--json]",
    description:
      "Fine-tune on new approved answers now (what the train role does nightly);\npromotes the candidate only if it beats the current model on held-out answers",
  },
  {
    command: "billing",
    line: "billing --workspace <id> [--json]",
    description:
      'Billing status, seats and trial end, with a Stripe Checkout link\n(no subscription) or the Customer Portal; "off" without STRIPE_SECRET_KEY',
  },
  { command: "version", line: "version", description: "Print the version (also --version)" },
];

const column = 49;

export const moreHelp = "Run `sabio --help` for all commands.";

/** The `Usage:` line(s) of one command, e.g. for a usage error about it. */
export function usageLines(command: CommandName | undefined): string {
  const lines = entries.filter((entry) => entry.command === command).map((entry) => `sabio ${entry.line}`);
  if (lines.length === 0) return "Usage: sabio <command> [options]";
  return lines.map((line, index) => `${index === 0 ? "Usage:" : "      "} ${line}`).join("\n");
}

/** `sabio <command> --help`: its usage line(s) and what it does. */
export function commandHelp(command: CommandName): string {
  const matching = entries.filter((entry) => entry.command === command);
  if (matching.length === 0) return usage;
  const described = matching.map((entry) => `  sabio ${entry.line}\n${indent(entry.description, 4)}`);
  return `Usage:\n${described.join("\n")}\n\n${moreHelp}`;
}

function indent(text: string, spaces: number): string {
  return text
    .split("\n")
    .map((line) => `${" ".repeat(spaces)}${line}`)
    .join("\n");
}

function commandList(): string {
  return entries
    .map((entry) => {
      const [first = "", ...rest] = entry.description.split("\n");
      const head = `  ${entry.line}`;
      const lines =
        head.length < column - 1
          ? [`${head.padEnd(column)}${first}`]
          : [head, `${" ".repeat(column)}${first}`];
      return [...lines, ...rest.map((line) => `${" ".repeat(column)}${line}`)].join("\n");
    })
    .join("\n");
}

export const usage = `Sabio — cited answers from your team's documents.

Usage: sabio <command> [options]
       (in a clone without \`npm link\`: npm run --silent sabio -- <command> [options])

Commands:
${commandList()}

Options:
  --workspace, -w <id>   Workspace id: a-z, 0-9, "-" or "_" (default for start: none needed)
  --json                 Print exactly one JSON document on stdout (errors too: {"error":{…}})
  --source <id>          A source connection id, as the sources command lists it
  --base-url <url>       ingest: the folder's published site (guide/setup.md → <url>guide/setup)
  --full                 sync: list everything, not only what changed since the last sync
  --limit <N>            Number of search results (default 5, at most 100)
  --as <email>           search, ask: only what that person may see in Drive (default: everything)
  --question <id>        approve: the question id (from ask --json or approvals)
  --by <name>            approve: who approves (default: your OS user name)
  --text-file <file>     approve: the corrected answer to approve instead
  --drop                 approve: drop the approval instead (e.g. a stale one nobody vouches for)
  --state <state>        approvals: only pending, approved or stale ones
  --out <dir>            dataset: the folder to write the dataset to (created if missing)
  --dry-run              train: build the dataset and trainer config, say what a run would do
  --version              Print the version
  --help, -h             Show this help (\`sabio <command> --help\`: that command's)

Configuration comes from the environment or a .env file; see README.md.`;

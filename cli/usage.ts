export const usage = `Sabio — cited answers from your team's documents.

Usage: npm run --silent sabio -- <command> [options]

Commands:
  ingest <path> --workspace <id> [--source <id>] [--base-url <url>] [--json]
                                                   Index a folder (Markdown, text, HTML, PDF, DOCX) as a source;
                                                   --source re-points a moved folder, --base-url cites its published pages
  sync --workspace <id> [--source <id>] [--full] [--json]
                                                   Sync the workspace's sources now (--full also removes un-shared pages)
  sources --workspace <id> [--json]                List connected sources: state, last sync, documents, last error
  connect notion --workspace <id> [--json]         Print a link an admin opens to connect a Notion workspace (OAuth)
  disconnect --workspace <id> --source <id>        Remove a connection and everything indexed from it
  search <query> --workspace <id> [--limit N] [--json]
  search --batch <file.jsonl> --workspace <id> [--limit N]
                                                   One {"id","query"} per line in, one {"id","results"} per line out
  ask <question> --workspace <id> [--json]         Answer with citations (extractive when no model is available)
  start [role…]                                    Run roles in this process: answer, slack, sync, web (default: all configured)
  doctor                                           Check Redis, database, vector store, Ollama and models

Options:
  --workspace, -w <id>   Workspace id: a-z, 0-9, "-" or "_" (default for start: none needed)
  --json                 Print exactly one JSON document on stdout
  --source <id>          A source connection id, as the sources command lists it
  --base-url <url>       ingest: the folder's published site (guide/setup.md → <url>guide/setup)
  --full                 sync: list everything, not only what changed since the last sync
  --limit <N>            Number of search results (default 5, at most 100)
  --help, -h             Show this help

Configuration comes from the environment or a .env file; see README.md.`;

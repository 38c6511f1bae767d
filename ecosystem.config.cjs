// PM2: one process per role, so a slow answer never delays a bot's acknowledgement.
// PM2 sends SIGINT, then SIGKILL after kill_timeout (default 1.6 s): give workers time to finish
// the job in hand (SHUTDOWN_TIMEOUT_SECONDS defaults to 25 s, so 30 s leaves a margin).
// Several processes share state, so set DATABASE_URL (PGlite allows one process at a time).
const role = (name, instances = 1) => ({
  name: `sabio-${name}`,
  script: "cli/main.ts",
  args: ["start", name],
  interpreter: "node",
  // Memory (docs/BENCHMARKS.md, "Memory"): on a big machine V8 lets the young generation grow to
  // ~130 MB and keeps it; 8 MB semi-spaces hold it near 25 MB at no measurable cost to answers.
  node_args: ["--disable-warning=ExperimentalWarning", "--max-semi-space-size=8"],
  instances,
  exec_mode: "fork",
  kill_timeout: 30_000,
  // Exit 2 = configuration missing or wrong (e.g. a role whose variables are unset): restarting
  // cannot help, so PM2 leaves it stopped and its log says what to set.
  stop_exit_codes: [2],
  // glibc makes a malloc arena per thread (LanceDB's, the WASM compiler's); two bound the waste.
  env: { NODE_ENV: "production", MALLOC_ARENA_MAX: "2" },
});

module.exports = {
  // sync: scheduled and on-demand source syncs (Notion, Drive); idle when no source is connected.
  // train: the nightly fine-tune (TRAIN_CRON); without MLX-LM (TRAIN_COMMAND) it exits 2 and stays stopped.
  apps: [role("answer"), role("slack"), role("sync"), role("web"), role("train")],
};

// PM2: one process per role, so a slow answer never delays a bot's acknowledgement.
// PM2 sends SIGINT, then SIGKILL after kill_timeout (default 1.6 s): give workers time to finish
// the job in hand (SHUTDOWN_TIMEOUT_SECONDS defaults to 25 s, so 30 s leaves a margin).
// Several processes share state, so set DATABASE_URL (PGlite allows one process at a time).
// Each process serves /metrics and /healthz on its own METRICS_PORT (README, "Metrics (Prometheus)"):
// one port per process, as a second process on a taken port serves no metrics (it warns and runs on).
// With instances > 1, add `increment_var: "METRICS_PORT"` and leave room between the roles' ports.
const role = (name, metricsPort, instances = 1) => ({
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
  env: { NODE_ENV: "production", MALLOC_ARENA_MAX: "2", METRICS_PORT: String(metricsPort) },
});

module.exports = {
  // sync: scheduled and on-demand source syncs (Notion, Drive); idle when no source is connected.
  // train: the nightly fine-tune (TRAIN_CRON); without MLX-LM (TRAIN_COMMAND) it exits 2 and stays stopped.
  apps: [
    role("answer", 9464),
    role("slack", 9465),
    role("sync", 9466),
    role("web", 9467),
    role("train", 9468),
  ],
};

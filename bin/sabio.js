#!/usr/bin/env node
// The `sabio` command. Plain JavaScript that any Node parses (no top-level await, no TypeScript),
// so an old Node gets one line saying what to install instead of ERR_UNKNOWN_FILE_EXTENSION.
// Keep `requiredMajor` equal to package.json's "engines" (a test checks it).
const requiredMajor = 24;
const major = Number(process.versions.node.split(".")[0]);
if (major < requiredMajor) {
  process.stderr.write(
    `sabio needs Node.js ${requiredMajor} or newer (this is ${process.version}): get it from https://nodejs.org, ` +
      `with nvm (\`nvm install ${requiredMajor}\`) or with npm (\`npm install -g node@${requiredMajor}\`).\n`,
  );
  process.exit(1);
}

// What --disable-warning=ExperimentalWarning does, without a second process: Node's own printer
// goes, and every other warning is printed the way Node prints it.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name !== "ExperimentalWarning")
    process.stderr.write(`(node:${process.pid}) ${warning.name}: ${warning.message}\n`);
});

import("../cli/main.ts").then(({ runCli }) => runCli(process.argv.slice(2)));

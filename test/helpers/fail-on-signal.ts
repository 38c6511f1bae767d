/**
 * Preloaded (`node --import`) into a `sabio start` child: on SIGUSR2 something asynchronous fails
 * the way a library bug would, outside any handler, as an uncaught exception or (with
 * SABIO_TEST_FAILURE=rejection) an unhandled rejection. The message carries a fake token, which
 * must not reach the log.
 */
process.on("SIGUSR2", () => {
  const error = new Error("library bug while calling Slack with xoxb-0000-fake-token");
  setTimeout(() => {
    if (process.env.SABIO_TEST_FAILURE === "rejection") {
      void Promise.reject(error);
      return;
    }
    throw error;
  }, 0);
});

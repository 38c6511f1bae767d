/**
 * Waits for `work` to settle, at most `timeoutMs`; never throws. For shutdowns and flushes that
 * must not hang on a backend that stopped answering (what is left is dropped or sent later).
 */
export async function waitAtMost(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([work.then(noop, noop), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function noop(): void {}

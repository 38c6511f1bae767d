import { HandOffFailed } from "./hand-off-failed.ts";

/** `promise`, or HandOffFailed(`message`) after `ms`: a Redis that does not answer must not hang the command. */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HandOffFailed(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

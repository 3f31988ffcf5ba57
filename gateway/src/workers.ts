import type { Logger } from 'pino';

/**
 * Runs `tick` every `intervalMs`, never two at once, and logs failures instead of crashing:
 * a database hiccup must not stop expiry for good.
 */
export function every(
  name: string,
  intervalMs: number,
  tick: () => Promise<unknown>,
  log: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((err: unknown) => log.error({ err, worker: name }, 'worker tick failed'))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

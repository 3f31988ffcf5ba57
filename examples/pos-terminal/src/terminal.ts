import { createInterface } from 'node:readline/promises';

/** What a sale needs from the screen and keyboard; the tests script one. */
export interface Terminal {
  ask(question: string): Promise<string>;
  write(text: string): void;
  /** Rewrites the one status line under the QR (the countdown). */
  status(text: string): void;
}

/** The real terminal; Ctrl-C calls `onInterrupt` instead of killing the process. */
export function consoleTerminal(onInterrupt: () => void): Terminal & { close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  rl.on('SIGINT', onInterrupt);
  return {
    ask: (question) => rl.question(question),
    write: (text) => process.stdout.write(`${text}\n`),
    status: (text) => process.stdout.write(`\r\x1b[2K${text}`),
    close: () => rl.close(),
  };
}

/** One `tillgate-sim` command: its usage text, and a run that answers the exit code. */
export interface Command {
  usage: string;
  /** Throws `UsageError` on bad arguments; answers 1 when an invariant was broken. */
  run(args: string[]): Promise<number>;
}

export class UsageError extends Error {}

/** Parses arguments, turning any parse failure into a `UsageError`. */
export function parseOrRefuse<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Where a run's notes go: stderr, beside the progress, away from the summary on stdout. */
export const noteOnStderr = (line: string): void => console.error(`note: ${line}`);

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FuzzFailure } from './oracle.js';

/** `pnpm fuzz` sets it: many more cases, and minutes instead of seconds. */
export const THOROUGH = process.env.TILLGATE_THOROUGH === '1';

/** How many cases and seconds a fuzzer runs: bounded in `pnpm test`, long in `pnpm fuzz`; TILLGATE_FUZZ_RUNS overrides. */
export const budget = (bounded: { runs: number; seconds: number }) => ({
  runs: Number(process.env.TILLGATE_FUZZ_RUNS ?? (THOROUGH ? bounded.runs * 80 : bounded.runs)),
  seconds: THOROUGH ? 15 * 60 : bounded.seconds,
});

/**
 * `pnpm test` plays the same cases each run (CI stays a verdict on the change, not on chance); `pnpm fuzz`
 * draws new ones each time, and TILLGATE_FUZZ_SEED picks a run to play again.
 */
const RUN_SEED = process.env.TILLGATE_FUZZ_SEED
  ? Number(process.env.TILLGATE_FUZZ_SEED)
  : THOROUGH
    ? undefined
    : 20261201;

export interface Seed {
  seed: number;
  path: string;
  found: string;
}

/** The recorded failing cases of one fuzzer (test/fuzz-seeds.json). */
export function recordedSeeds(fuzzer: 'http' | 'ws'): Seed[] {
  const file = new URL('../../../fuzz-seeds.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Seed[]>)[fuzzer] ?? [];
}

/** Failures seen across a fuzzer's cases. */
export class Tally {
  cases = 0;
  readonly failures: FuzzFailure[] = [];

  /** Files each failure; true when there is none. */
  file(failures: FuzzFailure[]): boolean {
    this.cases++;
    this.failures.push(...failures);
    return failures.length === 0;
  }

  report(name: string): string {
    return `${name}: ${this.cases} cases, ${this.failures.length} failures`;
  }
}

/** Runs the property bounded in count and time; a failure names the seed and path to record, briefly. */
export async function runBounded<T>(
  property: fc.IAsyncPropertyWithHooks<[T]>,
  options: { numRuns: number; seconds: number; replay?: Seed },
): Promise<void> {
  const details = await fc.check(property, {
    numRuns: options.replay ? 1 : options.numRuns,
    interruptAfterTimeLimit: options.seconds * 1000,
    markInterruptAsFailure: false,
    endOnFailure: true,
    ...(options.replay
      ? { seed: options.replay.seed, path: options.replay.path }
      : RUN_SEED === undefined
        ? {}
        : { seed: RUN_SEED }),
  });
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `fuzz case failed; record it in test/fuzz-seeds.json as {"seed": ${details.seed}, "path": "${details.counterexamplePath}"}\n${cause.slice(0, 2000)}`,
    );
  }
}

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { knownFinding } from './known-findings.js';
import type { FuzzFailure } from './oracle.js';

/** `pnpm fuzz` sets it: many more cases, and minutes instead of seconds. */
export const THOROUGH = process.env.TILLGATE_THOROUGH === '1';

/** How many cases and seconds a fuzzer runs: bounded in `pnpm test`, long in `pnpm fuzz`; TILLGATE_FUZZ_RUNS overrides. */
export const budget = (bounded: { runs: number; seconds: number }) => ({
  runs: Number(process.env.TILLGATE_FUZZ_RUNS ?? (THOROUGH ? bounded.runs * 80 : bounded.runs)),
  seconds: THOROUGH ? 15 * 60 : bounded.seconds,
});

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

/** Failures seen, split into those a sibling branch fixes (counted by id) and the rest. */
export class Tally {
  cases = 0;
  readonly known = new Map<string, number>();
  readonly unknown: FuzzFailure[] = [];

  /** Files each failure; true when none is new. */
  file(failures: FuzzFailure[]): boolean {
    this.cases++;
    let fresh = false;
    for (const f of failures) {
      const k = knownFinding(f);
      if (k) this.known.set(k.id, (this.known.get(k.id) ?? 0) + 1);
      else {
        this.unknown.push(f);
        fresh = true;
      }
    }
    return !fresh;
  }

  report(name: string): string {
    const known = [...this.known].map(([id, n]) => `${id} ×${n}`).join(', ') || 'none';
    return `${name}: ${this.cases} cases, ${this.unknown.length} new failures; known until sec-edge/sec-ws merge: ${known}`;
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
    ...(options.replay ? { seed: options.replay.seed, path: options.replay.path } : {}),
  });
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `fuzz case failed; record it in test/fuzz-seeds.json as {"seed": ${details.seed}, "path": "${details.counterexamplePath}"}\n${cause.slice(0, 2000)}`,
    );
  }
}

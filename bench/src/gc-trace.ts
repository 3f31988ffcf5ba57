/**
 * What `node --trace-gc` says about allocation. Each line reads like
 * `[123:0x5d4e0a0]     4620 ms: Scavenge 10.6 (12.1) -> 9.9 (17.1) MB, 0.58 / 0.00 ms  (…) allocation failure;`:
 * the heap in use before and after a collection, at a time since the isolate started.
 */
const GC = /^\[(\d+:0x[0-9a-f]+)\]\s+(\d+) ms: (.+?) ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

export interface Collection {
  isolate: string;
  ms: number;
  kind: string;
  beforeMB: number;
  afterMB: number;
}

export const isGcLine = (line: string) => GC.test(line);

export function parseCollections(output: string): Collection[] {
  const collections: Collection[] = [];
  for (const line of output.split('\n')) {
    const m = GC.exec(line);
    if (m)
      collections.push({
        isolate: m[1] ?? '',
        ms: Number(m[2]),
        kind: m[3] ?? '',
        beforeMB: Number(m[4]),
        afterMB: Number(m[5]),
      });
  }
  return collections;
}

/**
 * Bytes allocated per millisecond by the busiest isolate (the main thread; tsx's loader thread has its
 * own): between two collections the heap grows by what was allocated, so the growths from each
 * collection's end to the next one's start, over the time between the first and the last, give the rate.
 * Undefined with fewer than two collections.
 */
export function allocationRate(collections: Collection[]): number | undefined {
  const byIsolate = new Map<string, Collection[]>();
  for (const c of collections) byIsolate.set(c.isolate, [...(byIsolate.get(c.isolate) ?? []), c]);
  const main = [...byIsolate.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  if (main.length < 2) return undefined;
  let grownMB = 0;
  for (let i = 1; i < main.length; i++) grownMB += Math.max(0, (main[i]?.beforeMB ?? 0) - (main[i - 1]?.afterMB ?? 0));
  const ms = (main.at(-1)?.ms ?? 0) - (main[0]?.ms ?? 0);
  return ms > 0 ? (grownMB * 2 ** 20) / ms : undefined;
}

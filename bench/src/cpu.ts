import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process has run, every thread of it, in ns (Linux schedstat): unlike its rate, a process's
 * CPU per request barely moves when other processes crowd the box. NaN when the process is gone or not
 * readable.
 */
export function cpuNs(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce(
      (sum, task) => sum + Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]),
      0,
    );
  } catch {
    return Number.NaN;
  }
}

/** The machine's CPU time so far (Linux /proc/stat, in ticks): all of it, and the part the hypervisor took. */
export function machineTicks(): { total: number; stolen: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal guest guest_nice; guests are already in user.
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: ticks.reduce((a, b) => a + b, 0), stolen: ticks[7] ?? 0 };
  } catch {
    return { total: Number.NaN, stolen: Number.NaN };
  }
}

/**
 * The share of the machine's CPU time the hypervisor gave to other guests since `from`: on a shared host
 * it slows every figure of the run, latencies most, so a run is quiet only if it is near nothing.
 */
export function stolenSince(from: { total: number; stolen: number }): number {
  const now = machineTicks();
  return (now.stolen - from.stolen) / (now.total - from.total);
}

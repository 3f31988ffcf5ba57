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

import { execFileSync } from 'node:child_process';
import type { Benchmark } from '../report.js';

/** The browser client's gzipped size, as the SDK's own bench (build, then size) prints it. */
export const sdkSize: Benchmark = {
  name: 'sdk-size',
  async run() {
    const out = execFileSync('pnpm', ['--silent', '--filter', '@tillgate/sdk', 'bench'], { encoding: 'utf8' });
    const line = out.split('\n').find((l) => l.includes('gzipped')) ?? out.trim();
    return { rows: [{ benchmark: 'sdk-size', case: 'browser core', note: line.replace(/^.*?: /, '') }] };
  },
};

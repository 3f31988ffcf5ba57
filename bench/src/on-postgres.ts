import { type Backend, backends } from '@tillgate/test/support/backends';
import type { BenchmarkOutcome } from './report.js';

/**
 * Runs a benchmark that needs PostgreSQL on it; without one, its outcome is one row saying why it was
 * skipped, so a run on a machine without the server still prints the rest of the table.
 */
export async function onPostgres(
  benchmark: string,
  measure: (postgres: Backend) => Promise<BenchmarkOutcome>,
): Promise<BenchmarkOutcome> {
  const postgres = (await backends()).find((b) => b.name === 'postgres');
  if (!postgres || postgres.unavailable)
    return { rows: [{ benchmark, case: 'all', note: `skipped: ${postgres?.unavailable}` }] };
  return measure(postgres);
}

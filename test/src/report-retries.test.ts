import type { Report } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LAST_WEEK } from './support/callers.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';

/**
 * A failed sales file generation is tried again with backoff, a bounded number of times. The workers never
 * tick here: the test moves the clock and runs the jobs. A zone Intl does not know makes an attempt fail,
 * as a database hiccup would; mending it in between is the hiccup passing.
 */
let t!: TestGateway;
let app!: string;
beforeAll(async () => {
  t = await startPgliteGateway({ workerIntervalMs: 3_600_000, reportTiming: { maxAttempts: 3, retryBaseMs: 30_000 } });
  app = await t.api.appToken();
});
afterAll(async () => {
  await t?.close();
});

const knex = () => t.gateway.db.knex;
const run = () => t.gateway.deps.reportJobs.runDue();
const report = async (id: string) => (await t.api.call<Report>('GET', `/v1/reports/${id}`, { token: app })).body;
const attemptsOf = async (id: string) => Number((await knex()('reports').where({ id }).first()).attempts);

async function failingJob(): Promise<string> {
  const created = await t.api.call<Report>('POST', '/v1/reports', { token: app, body: LAST_WEEK });
  expect(created.status).toBe(202);
  await knex()('reports').where({ id: created.body.id }).update({ timezone: 'Nowhere/Atlantis' });
  return created.body.id;
}

it('tries a failed generation again after a backoff, and the file comes out once the fault passes', async () => {
  const id = await failingJob();
  await run();
  expect(await report(id)).toMatchObject({ status: 'generating', rows_done: 0 });
  expect(await attemptsOf(id)).toBe(1);
  // Not before its 30 s.
  t.clock.advance(29_000);
  await run();
  expect(await attemptsOf(id)).toBe(1);

  await knex()('reports').where({ id }).update({ timezone: 'America/Sao_Paulo' });
  t.clock.advance(1_000);
  await run();
  expect(await report(id)).toMatchObject({ status: 'ready', failure_reason: null });
  expect(await attemptsOf(id)).toBe(2);
});

it('gives a file up as failed after its attempts, waiting twice as long each time', async () => {
  const id = await failingJob();
  await run();
  t.clock.advance(30_000);
  await run();
  expect(await attemptsOf(id)).toBe(2);
  t.clock.advance(59_000);
  await run();
  expect(await attemptsOf(id)).toBe(2);
  t.clock.advance(1_000);
  await run();
  expect(await attemptsOf(id)).toBe(3);
  expect(await report(id)).toMatchObject({ status: 'failed', failure_reason: 'generation_error' });
  t.clock.advance(3_600_000);
  expect(await run()).toBe(0);
});

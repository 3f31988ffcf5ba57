import { type Gateway, startGateway } from '@tillgate/gateway';
import type { ReportSubscription } from '@tillgate/sdk/protocol';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { redisProblem, SHARED_REDIS_URL } from './support/redis.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';

const postgres = (await backends()).find((b) => b.name === 'postgres');
const redisDown = await redisProblem();
if (redisDown && process.env.TILLGATE_REQUIRE_SERVICES === '1')
  throw new Error(`${redisDown}; TILLGATE_REQUIRE_SERVICES=1 needs it`);
const unavailable = postgres?.unavailable ?? redisDown;

const SUBSCRIPTIONS = 8;

describe.skipIf(!postgres || unavailable)('report subscriptions on two instances (PostgreSQL + Redis)', () => {
  let storage!: Storage;
  let smtp!: TestSmtpServer;
  let first!: TestGateway;
  let second!: Gateway;
  beforeAll(async () => {
    storage = await (postgres as NonNullable<typeof postgres>).create();
    smtp = await startSmtpServer();
    first = await startTestGateway(storage, { redisUrl: SHARED_REDIS_URL, smtpUrl: smtp.url });
    second = await startAnother();
  });
  /** Another instance on the same database, Redis, mail server and clock. */
  const startAnother = () =>
    startGateway({
      databaseUrl: storage.databaseUrl,
      redisUrl: SHARED_REDIS_URL,
      smtpUrl: smtp.url,
      port: 0,
      log: pino({ level: 'silent' }),
      workerIntervalMs: 100,
      clock: first.clock,
    });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await smtp?.close();
    await storage?.drop();
  });

  it('sends each subscription once per period, whichever instance plans and sends it, and after a restart', async () => {
    const app = await first.api.appToken();
    const manager = first.demo.panel_users.find((u) => u.role === 'manager')?.email ?? '';
    const ids = new Set<string>();
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const r = await first.api.call<ReportSubscription>('POST', '/v1/report-subscriptions', {
        token: app,
        body: { email: manager, report: i % 2 ? 'daily' : 'sales', format: 'csv', frequency: 'weekly' },
      });
      expect(r.body.status).toBe('active');
      ids.add(r.body.id);
    }

    // Monday 06:00 in São Paulo: both instances' workers plan and send at once, and so do explicit runs.
    first.clock.advance(Date.parse('2026-06-08T09:00:00Z') - first.clock.now().getTime());
    const runs = [first.gateway, second, first.gateway, second].map((g) => g.deps.subscriptionScheduler.runDue());
    const mails = await Promise.all(Array.from({ length: SUBSCRIPTIONS }, () => smtp.next()));
    await Promise.all(runs);
    // Each mail names its subscription in its unsubscribe link: every one once.
    const tokens = mails.map((m) => /unsubscribe\?token=([\w-]+)/.exec(m.text ?? '')?.[1] ?? '');
    const mailed = tokens.map((token) => Buffer.from(token, 'base64url').toString('utf8').split('.')[0]);
    expect(new Set(mailed)).toEqual(ids);

    // Whatever either instance does now, the period is sent; a restarted instance finds it so too.
    await Promise.all([first.gateway, second].map((g) => g.deps.subscriptionScheduler.runDue()));
    await second.close();
    second = await startAnother();
    expect(await second.deps.subscriptionScheduler.runDue()).toBe(0);
    expect(smtp.received).toHaveLength(SUBSCRIPTIONS);
    const sendings = await first.gateway.db.knex('report_sendings').select('status', 'period_first');
    expect(sendings).toHaveLength(SUBSCRIPTIONS);
    expect(sendings.every((s) => s.status === 'sent' && s.period_first === '2026-06-01')).toBe(true);
  });
});

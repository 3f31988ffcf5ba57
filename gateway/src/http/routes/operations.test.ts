import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../../metrics.js';
import { isLoopback } from '../loopback.js';
import { errorHandler } from '../problem.js';
import { operationsRouter } from './operations.js';

const ready = { database: async () => true, bus: async () => true };

describe('/metrics with TILLGATE_METRICS_TOKEN', () => {
  let url = '';
  let close = () => {};
  beforeAll(async () => {
    const app = express().use(operationsRouter(ready, new Metrics(), 'a-metrics-token-of-the-test'));
    app.use(errorHandler(pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('asks every caller, loopback too, for the token as a bearer', async () => {
    const none = await fetch(`${url}/metrics`);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong' } });
    const right = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer a-metrics-token-of-the-test' } });
    expect([none.status, wrong.status, right.status]).toEqual([401, 401, 200]);
    expect(await right.text()).toContain('tillgate_http_requests_total');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('isLoopback', () => {
  it('knows all of 127/8 and ::1, mapped or not, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.5.6.7', '::1', '::ffff:127.0.0.1'])
      expect([a, isLoopback(a)]).toEqual([a, true]);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '1270.0.0.1', undefined])
      expect([a, isLoopback(a)]).toEqual([a, false]);
  });
});

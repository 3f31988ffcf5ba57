import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { changed, judge, type Received, rowCounter, type SentRequest } from './support/fuzz/oracle.js';
import { type FuzzWorld, materialise, type OpenApiDocument, requestArbitrary } from './support/fuzz/requests.js';
import { budget, recordedSeeds, runBounded, type Seed, Tally } from './support/fuzz/run.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';
import { PanelSession } from './support/panel.js';

/** Bounded for `pnpm test` (well under a minute); `pnpm fuzz` raises both. */
const { runs: RUNS, seconds: SECONDS } = budget({ runs: 250, seconds: 35 });

async function send(url: string, req: SentRequest): Promise<Received> {
  const res = await fetch(url + req.path, {
    method: req.method,
    headers: req.headers,
    ...(req.body ? { body: req.body as unknown as RequestInit['body'] } : {}),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
}

describe('HTTP fuzzing from the OpenAPI document', () => {
  let t!: TestGateway;
  let doc!: OpenApiDocument;
  let world!: FuzzWorld;
  let rowCounts!: () => Promise<Record<string, number>>;
  const tally = new Tally();

  beforeAll(async () => {
    // Workers asleep: the only writes are the requests' own, so a refused one is seen to write nothing.
    t = await startPgliteGateway({ workerIntervalMs: 3_600_000 });
    rowCounts = rowCounter(t.gateway.deps.knex);
    doc = (await (await fetch(`${t.url}/v1/openapi.json`)).json()) as OpenApiDocument;
    const till = await t.api.tillToken(0);
    const order = await t.api.createOrder(till, { order_ref: ref('FZ'), wallet: 'pix', amount: 1500 });
    expect(order.status).toBe(201);
    const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    world = {
      credentials: {
        none: {},
        till: bearer(till),
        app: bearer(await t.api.appToken()),
        admin: { cookie: admin.cookie, 'x-csrf-token': admin.view.csrf_token },
        secret: bearer(order.body.client_secret),
        garbage: { authorization: 'Bearer not.a.token' },
      },
      ids: [
        order.body.id,
        'sto_DEMO0000000000000000000000',
        'pac_DEMO0000000000000000000000',
        ...t.demo.tills.map((x) => x.id),
        admin.view.user.id,
        t.demo.app_name,
        '1',
      ],
    };
  });
  afterAll(async () => {
    console.log(tally.report('HTTP fuzz'));
    await t?.close();
  });

  const property = () =>
    fc.asyncProperty(fc.noShrink(requestArbitrary(doc, world)), async (draft): Promise<boolean> => {
      const req = materialise(draft, world);
      const before = await rowCounts();
      const res = await send(t.url, req);
      const after = res.status >= 400 ? await rowCounts() : before;
      if (tally.file(judge(req, res, changed(before, after)))) return true;
      throw new Error(
        tally.failures
          .slice(-3)
          .map((f) => `${f.rule}: ${f.request.text.slice(0, 400)} → ${f.status} ${f.detail.slice(0, 300)}`)
          .join('\n'),
      );
    });

  it(
    `answers every request without a 500, with a catalogued problem for each refusal, writing nothing then (${RUNS} cases at most)`,
    async () => {
      await runBounded(property(), { numRuns: RUNS, seconds: SECONDS });
      expect(tally.failures).toEqual([]);
    },
    (SECONDS + 60) * 1000,
  );

  const seeds = recordedSeeds('http');
  it.skipIf(seeds.length === 0).each(seeds)('replays the recorded case $seed ($found)', async (seed: Seed) => {
    await runBounded(property(), { numRuns: 1, seconds: 30, replay: seed });
  });
});

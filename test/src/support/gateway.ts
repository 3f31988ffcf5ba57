import {
  type DemoCredentials,
  type Gateway,
  type GatewayOptions,
  ManualClock,
  seedDemoMerchant,
  startGateway,
} from '@tillgate/gateway';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { ApiClient } from './api.js';
import { type Backend, pglite, type Storage } from './backends.js';

export interface TestGateway {
  gateway: Gateway;
  url: string;
  clock: ManualClock;
  demo: DemoCredentials;
  api: ApiClient;
  close(): Promise<void>;
}

/** Real time, for suites where something outside the test (a simulator, a browser) must see time pass as the gateway does. */
export class WallClock extends ManualClock {
  override now(): Date {
    return new Date();
  }
}

export type TestGatewayOptions = Partial<Omit<GatewayOptions, 'clock'>> & {
  clock?: ManualClock;
  /**
   * A restart's: the demo merchant as an earlier start seeded it. Seeding again would rotate its secrets and so
   * end every credential its clients hold, which a real restart does not do.
   */
  demo?: DemoCredentials;
};

/** A real gateway on port 0 over the given storage, with a clock the test moves and the demo merchant seeded. */
export async function startTestGateway(
  storage: Storage,
  { demo: seeded, ...options }: TestGatewayOptions = {},
): Promise<TestGateway> {
  const clock = options.clock ?? new ManualClock(new Date('2026-06-01T12:00:00Z'));
  const gateway = await startGateway({
    databaseUrl: storage.databaseUrl,
    dataDir: storage.dataDir,
    port: 0,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    workerIntervalMs: 100,
    ...options,
    clock,
  });
  const demo = seeded ?? (await seedDemoMerchant(gateway.deps));
  return {
    gateway,
    url: gateway.url,
    clock,
    demo,
    api: new ApiClient(gateway.url, demo),
    close: () => gateway.close(),
  };
}

/**
 * One gateway for a whole describe block, over a fresh storage of `backend`, stopped and dropped
 * after it; `ready` receives the gateway, a token of demo till 0 and the storage before the first test.
 */
export function suiteGateway(
  backend: Backend,
  options: TestGatewayOptions,
  ready: (suite: { t: TestGateway; token: string; storage: Storage }) => void,
): void {
  let storage: Storage | undefined;
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    storage = await backend.create();
    gateway = await startTestGateway(storage, options);
    ready({ t: gateway, token: await gateway.api.tillToken(0), storage });
  });
  afterAll(async () => {
    await gateway?.close();
    await storage?.drop();
  });
}

/** A test gateway on a fresh PGlite directory, for suites that need one gateway; `close` removes the directory too. */
export async function startPgliteGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const storage = await pglite.create();
  const t = await startTestGateway(storage, options);
  return {
    ...t,
    close: async () => {
      await t.close();
      await storage.drop();
    },
  };
}

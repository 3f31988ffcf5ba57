import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoCredentials } from '@tillgate/gateway';
import type { Storage } from '@tillgate/test/support/backends';
import { type GatewayProcess, spawnGateway } from '@tillgate/test/support/processes';

/** The Redis that gateways share when a benchmark runs several of them (and the limiter's Redis cost). */
export const BENCH_REDIS_URL = process.env.TILLGATE_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchGateway {
  url: string;
  demo: DemoCredentials;
  process: GatewayProcess;
  /** An access token of demo till `index`. */
  tillToken(index?: number): Promise<string>;
  /** An access token of the demo app, which may act for every till of the merchant. */
  appToken(): Promise<string>;
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  /** Added to the environment, e.g. REDIS_URL. */
  env?: Record<string, string>;
  /** Flags for node itself, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** The demo merchant a first instance on this database seeded; seeding again would rotate its secrets. */
  demo?: DemoCredentials;
}

/**
 * A gateway as `pnpm start` runs it (its own process, the demo merchant seeded, the Pix emulator off so
 * every demo wallet is the sandbox), over `storage`.
 */
export async function startGatewayProcess(
  storage: Storage,
  { env = {}, nodeFlags = [], demo: seeded }: GatewayProcessOptions = {},
): Promise<BenchGateway> {
  const credentialsDir = storage.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tillgate-bench-'));
  const process_ = await spawnGateway(
    {
      TILLGATE_DATA_DIR: credentialsDir,
      ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
      TILLGATE_SEED_DEMO: seeded ? '0' : '1',
      TILLGATE_EMULATORS: '0',
      LOG_LEVEL: 'error',
      ...env,
    },
    nodeFlags,
  );
  const demo =
    seeded ?? (JSON.parse(readFileSync(path.join(credentialsDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials);
  const url = process_.url;
  return {
    url,
    demo,
    process: process_,
    tillToken: (index = 0) => tillToken(url, demo, index),
    appToken: () => signIn(url, '/v1/auth/app', { app_name: demo.app_name, app_secret: demo.app_secret }),
    async stop() {
      process_.child.kill('SIGTERM');
      await process_.exited;
      if (!storage.dataDir) rmSync(credentialsDir, { recursive: true, force: true });
    },
  };
}

export async function tillToken(url: string, demo: DemoCredentials, index = 0): Promise<string> {
  const till = demo.tills[index];
  if (!till) throw new Error(`no demo till ${index}`);
  return signIn(url, '/v1/auth/till', {
    access_key: demo.access_key,
    secret_key: demo.secret_key,
    client_id: till.client_id,
  });
}

async function signIn(url: string, path: string, credentials: object): Promise<string> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!res.ok) throw new Error(`${path} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

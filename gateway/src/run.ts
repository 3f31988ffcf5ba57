import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { unlinkDemoEmulators } from './demo/pix.js';
import { seedDemoMerchant } from './demo/seed.js';
import { type Gateway, startGateway } from './gateway.js';
import { createLogger } from './log.js';

/** A provider emulator started beside the gateway: where it listens, and how it stops. */
export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

/** Starts the emulators and routes the demo merchant's wallets to them; the demo entry brings it. */
export type StartEmulators = (gateway: Gateway) => Promise<Record<string, RunningEmulator>>;

/**
 * The composition root: loads the configuration, starts the gateway, seeds the demo merchant when asked and
 * drains on SIGTERM. The gateway ships no emulator: `pnpm start` runs the demo entry (`demo/`), which passes
 * `startEmulators`; without it the demo wallets use the sandbox.
 */
export async function run(startEmulators?: StartEmulators): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const gateway = await startGateway({
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    dataDir: config.dataDir,
    host: config.host,
    port: config.port,
    secret: config.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    publicUrl: config.publicUrl,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    metricsToken: config.metricsToken,
    webSocketLimits: config.webSocketLimits,
    outboundAllowCidrs: config.outboundAllowCidrs,
    rateLimits: config.rateLimits ?? undefined,
    loginLockoutAfter: config.loginLockoutAfter,
    shipayOrderCreatedStatus: config.shipayOrderCreatedStatus,
    trustProxy: config.trustProxy,
    log,
  });
  const backend = gateway.db.backend === 'pglite' ? `PGlite in ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL';
  const lines = [
    '',
    `  Tillgate is running at ${gateway.url}  (API reference: ${gateway.url}/docs)`,
    `  Storage: ${backend}; events: ${config.redisUrl ? 'Redis' : 'in-process'}`,
  ];
  let emulators: Record<string, RunningEmulator> | undefined;
  if (config.seedDemo) {
    const demo = await seedDemoMerchant(gateway.deps);
    if (config.emulators && startEmulators) emulators = await startEmulators(gateway);
    else await unlinkDemoEmulators(gateway.deps);
    const file = path.join(config.dataDir, 'demo-credentials.json');
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ gateway_url: gateway.url, ...demo, pix_emulator_url: emulators?.pix?.url ?? null, emulators: emulatorUrls(emulators) }, null, 2)}\n`,
      { mode: 0o600 },
    );
    lines.push(
      `  Demo merchant (test environment), credentials also in ${file}:`,
      `    access_key  ${demo.access_key}`,
      `    secret_key  ${demo.secret_key}`,
      ...demo.tills.map((t) => `    till        ${t.id}  client_id ${t.client_id}`),
      `    app_name    ${demo.app_name}   app_secret ${demo.app_secret}`,
      `  Panel: ${gateway.url}/  log in as ${demo.panel_email}  password ${demo.panel_password}`,
      `    (also ${demo.panel_users
        .filter((u) => u.role !== 'admin')
        .map((u) => `${u.email} as ${u.role}`)
        .join(', ')}, same password)`,
      ...(emulators
        ? [
            "  Emulators the demo's wallets go through (controls under /_emulator):",
            ...Object.entries(emulatorUrls(emulators)).map(([wallet, url]) => `    ${wallet.padEnd(11)} ${url}`),
          ]
        : ['  Emulators off: the demo wallets use the sandbox']),
    );
  }
  // Printed last: a script that waits for this line finds the credentials file written.
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining');
    Promise.all([gateway.close(), ...Object.values(emulators ?? {}).map((e) => e.close())]).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Runs `run` as a process: a configuration or start-up failure is one readable line and exit code 1. */
export function runProcess(startEmulators?: StartEmulators): void {
  run(startEmulators).catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`tillgate: ${err.message}\n`);
    } else {
      process.stderr.write(`tillgate: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    process.exit(1);
  });
}

/** Each running emulator's URL by the wallet it stands for, as `demo-credentials.json` lists them. */
const emulatorUrls = (emulators: Record<string, RunningEmulator> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(emulators ?? {}).map(([wallet, e]) => [wallet, e.url]));

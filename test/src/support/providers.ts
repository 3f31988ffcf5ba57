import {
  createPixBcbAdapter,
  type LinkedPixAccount,
  linkDemoPix,
  ManualClock,
  PIX_PROFILES,
  type PixProfileId,
  profilePaths,
} from '@tillgate/gateway';
import type { Order } from '@tillgate/sdk/protocol';
import { type PixEmulator, type PixEmulatorOptions, startPixEmulator } from '@tillgate/simulator/emulators/pix';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { Backend, Storage } from './backends.js';
import { startTestGateway, suiteGateway, type TestGateway, type TestGatewayOptions } from './gateway.js';

/**
 * A provider the conformance suite drives, through hooks each provider's helper fills from its emulator's
 * controls. A provider without state of its own (the sandbox) leaves the optional hooks out.
 */
export interface ProviderUnderTest {
  name: string;
  /** The adapter the demo tills' wallet goes through, whose descriptor declares what the provider can do. */
  adapter: string;
  /** Why the provider-side steps do not apply; absent for a provider with state of its own. */
  stateless?: string;
  /** Pays the order at the provider (`amount`, or the order's); resolves once the gateway has been told. */
  pay(order: Order, options?: { amount?: number }): Promise<void>;
  /** The provider's own status word for the order's charge (the emulator's), or undefined when it keeps none. */
  chargeStatus(order: Order): string | undefined;
  /** The word `chargeStatus` shows for a charge removed at the provider (a cancelled or expired order's). */
  removedStatus?: string;
  /** Until `heal`, the provider answers `status` (a 5xx) or `delayMs` late: every call, or only charge creation. */
  fail?(fault: { status?: number; delayMs?: number; createOnly?: boolean }): void;
  heal?(): void;
  /** How the provider's notifications reach the gateway from now on. */
  notify?(mode: 'once' | 'twice' | 'drop'): void;
  close(): Promise<void>;
}

/** The Pix emulator's extras, for the cases that read its ledger. */
export interface PixUnderTest extends ProviderUnderTest {
  emulator: PixEmulator;
  linked: LinkedPixAccount;
}

export function sandboxProvider(t: TestGateway, token: string): ProviderUnderTest {
  return {
    name: 'sandbox',
    adapter: 'sandbox',
    stateless: 'the sandbox is stateless and in-process: it keeps no charges, sends no notifications and cannot fail',
    async pay(order, options = {}) {
      const r = await t.api.pay(token, order.id, options.amount === undefined ? {} : { amount: options.amount });
      if (r.status !== 200) throw new Error(`sandbox pay: ${r.status}`);
    },
    chargeStatus: () => undefined,
    async close() {
      await linkDemoPix(t.gateway.deps, undefined);
    },
  };
}

/** The Pix emulator serving one bank's paths (and app key), linked to the demo tills' pix wallet. */
export async function pixProvider(
  t: TestGateway,
  profile: PixProfileId,
  emulatorOptions: PixEmulatorOptions = {},
): Promise<PixUnderTest> {
  const gateway = t.gateway;
  const paths = profilePaths(profile);
  const appKey = 'app-key-of-the-test';
  const emulator = await startPixEmulator({
    clientId: `client-${profile}`,
    clientSecret: `secret-${profile}`,
    tokenPath: paths.tokenPath,
    apiPath: paths.apiPath,
    ...(paths.appKeyParam ? { requiredQuery: { name: paths.appKeyParam, value: appKey } } : {}),
    now: () => t.clock.now(),
    ...emulatorOptions,
  });
  const linked = await linkDemoPix(gateway.deps, {
    origin: emulator.url,
    profile,
    clientId: `client-${profile}`,
    clientSecret: `secret-${profile}`,
    appKey,
    accountId: `pac_${`CONF${profile.toUpperCase()}`.padEnd(26, '0')}`,
  });
  if (!linked) throw new Error('the demo pix wallet was not linked');
  emulator.webhooks.register(linked.pixKey, gateway.url + linked.webhookPath);
  return {
    name: `pix-bcb as ${PIX_PROFILES[profile].name}`,
    adapter: 'pix-bcb',
    emulator,
    linked,
    async pay(order, options = {}) {
      await emulator.pay(txidOf(order), options.amount === undefined ? {} : { centavos: options.amount });
    },
    chargeStatus(order) {
      try {
        return emulator.ledger.getCob(txidOf(order)).status;
      } catch {
        return undefined; // the PSP never took it
      }
    },
    removedStatus: 'REMOVIDA_PELO_USUARIO_RECEBEDOR',
    fail: ({ createOnly, ...fault }) => emulator.fail({ ...fault, ...(createOnly ? { match: '^PUT .*/cob/' } : {}) }),
    heal: () => emulator.heal(),
    notify: (mode) => emulator.setWebhookMode(mode === 'drop' ? 'never' : mode),
    close: () => emulator.close(),
  };
}

export const txidOf = (order: Pick<Order, 'id'>): string => order.id.slice('ord_'.length);

/**
 * Short enough that a provider slower than this fails a create fast; the emulator answers in a few ms, but on a
 * loaded CI machine with two cores a call can take a few hundred, so the deadline leaves room for that.
 */
export const PSP_TIMEOUT_MS = 1000;

/** The options of the gateway the suites share: its adapters with test-sized deadlines, and a clock of its own. */
export function conformanceOptions(): TestGatewayOptions {
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const pixBcb = createPixBcbAdapter({ log, clock, timeoutMs: PSP_TIMEOUT_MS, retries: 1, retryDelayMs: 10 });
  return { clock, adapters: [pixBcb], providerTimeoutMs: PSP_TIMEOUT_MS };
}

/** The gateway the suites share, over `storage`, and a token of demo till 0. */
export async function startConformanceGateway(storage: Storage): Promise<{ t: TestGateway; token: string }> {
  const t = await startTestGateway(storage, conformanceOptions());
  return { t, token: await t.api.tillToken(0) };
}

/** What a suite on the Pix emulator works with: the gateway and its storage, a token of demo till 0, and the PSP. */
export interface PixSuite {
  storage: Storage;
  t: TestGateway;
  token: string;
  p: PixUnderTest;
  emulator: PixEmulator;
}

/**
 * The shared gateway for a whole describe block, over a fresh storage of `backend`, with the Pix emulator
 * linked as Banco do Brasil; `ready` receives them before the first test, and all is closed and dropped
 * after the last.
 */
export function suitePixGateway(backend: Backend, ready: (suite: PixSuite) => void): void {
  let gateway: Omit<PixSuite, 'p' | 'emulator'>;
  let p: PixUnderTest | undefined;
  suiteGateway(backend, conformanceOptions(), (suite) => {
    gateway = suite;
  });
  beforeAll(async () => {
    p = await pixProvider(gateway.t, 'bb');
    ready({ ...gateway, p, emulator: p.emulator });
  });
  afterAll(async () => {
    await p?.close();
  });
}

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
import type { Storage } from './backends.js';
import { startTestGateway, type TestGateway } from './gateway.js';

/** A provider the conformance suite drives: how a payer pays there, and what it holds. */
export interface ProviderUnderTest {
  name: string;
  /** Why the provider-side steps do not apply; absent for a provider with state of its own. */
  stateless?: string;
  /** Pays the order at the provider; resolves once the gateway has been told. */
  pay(order: Order, amount?: number): Promise<void>;
  /** The emulated PSP, for providers that have one. */
  emulator?: PixEmulator;
  linked?: LinkedPixAccount;
  close(): Promise<void>;
}

export function sandboxProvider(t: TestGateway, token: string): ProviderUnderTest {
  return {
    name: 'sandbox',
    stateless: 'the sandbox is stateless and in-process: it keeps no charges, sends no notifications and cannot fail',
    async pay(order, amount) {
      const r = await t.api.pay(token, order.id, amount === undefined ? {} : { amount });
      if (r.status !== 200) throw new Error(`sandbox pay: ${r.status}`);
    },
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
): Promise<ProviderUnderTest> {
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
    emulator,
    linked,
    async pay(order, amount) {
      await emulator.pay(txidOf(order), amount === undefined ? {} : { centavos: amount });
    },
    close: () => emulator.close(),
  };
}

export const txidOf = (order: Pick<Order, 'id'>): string => order.id.slice('ord_'.length);

/** Short enough that a provider slower than this fails a create fast; the emulator answers in a few ms. */
export const PSP_TIMEOUT_MS = 300;

/** The gateway the suites share, its pix-bcb adapter with test-sized deadlines. */
export async function startConformanceGateway(storage: Storage): Promise<{ t: TestGateway; token: string }> {
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const pixBcb = createPixBcbAdapter({ log, clock, timeoutMs: PSP_TIMEOUT_MS, retries: 1, retryDelayMs: 10 });
  const t = await startTestGateway(storage, { clock, adapters: [pixBcb] });
  return { t, token: await t.api.tillToken(0) };
}

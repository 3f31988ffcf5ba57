import { Tillgate, type Wallet } from '@tillgate/sdk';
import { checkInvariants, readGatewayView } from './invariants.js';
import { Ledger } from './ledger.js';
import type { Mix } from './mix.js';
import { showProgress } from './progress.js';
import { SeededRandom } from './random.js';
import { type LoadSummary, summarize } from './summary.js';
import { runTill } from './till.js';
import { TillWatcher } from './till-watcher.js';

/** The demo credentials file `pnpm start` writes. */
export interface SimulatorCredentials {
  access_key: string;
  secret_key: string;
  tills: Array<{ id: string; client_id: string }>;
}

export interface LoadOptions {
  url: string;
  /** Where the till watchers connect; another instance on the same database and Redis tests the fan-out. */
  watchUrl?: string;
  credentials: SimulatorCredentials;
  /** How many of the credentials' tills to drive. */
  tills: number;
  /** Orders per second over all tills. */
  rate: number;
  durationMs: number;
  mix: Mix;
  seed: number;
  wallet: Wallet;
  /** Live progress on stderr. */
  progress: boolean;
  /** How long the watchers may lag behind the log at the end before a missing event is a violation. */
  settleMs?: number;
}

/**
 * A load run: tills create orders at the rate for the duration and play each order's fate, a watcher per
 * till follows its events; then the gateway is read back and every invariant checked.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const { access_key: accessKey, secret_key: secretKey } = options.credentials;
  const chosen = options.credentials.tills.slice(0, options.tills);
  if (chosen.length === 0) throw new Error('the credentials name no tills');
  const clientOf = (baseUrl: string, clientId: string) =>
    new Tillgate({ baseUrl, auth: { accessKey, secretKey, clientId } });
  const tills = chosen.map((t) => ({ tillId: t.id, client: clientOf(options.url, t.client_id) }));
  const ledger = new Ledger();
  const watchers = chosen.map((t) => new TillWatcher(t.id, clientOf(options.watchUrl ?? options.url, t.client_id)));
  await Promise.all(watchers.map((w) => w.ready()));

  const root = new SeededRandom(options.seed);
  const runRef = `SIM-${options.seed}-${Date.now().toString(36)}`;
  const stop = AbortSignal.timeout(options.durationMs);
  const started = performance.now();
  const stopProgress = options.progress ? showProgress(ledger, watchers, options.durationMs) : () => {};
  await Promise.all(
    tills.map((t, i) =>
      runTill({
        ...t,
        wallet: options.wallet,
        mix: options.mix,
        rate: options.rate / tills.length,
        runRef: `${runRef}-T${i + 1}`,
        random: root.fork(i),
        ledger,
        stop,
      }),
    ),
  );
  stopProgress();
  const seconds = (performance.now() - started) / 1000;

  const view = await settledView(tills, ledger, watchers, runRef, options.settleMs ?? 5000);
  await Promise.all(watchers.map((w) => w.close()));
  const violations = checkInvariants(ledger, view, watchers);
  return summarize({ seed: options.seed, url: options.url, seconds }, ledger, view, watchers, violations);
}

/** Reads the gateway back until every logged event of the run has reached its watcher, or `settleMs` passes. */
async function settledView(
  tills: Array<{ tillId: string; client: Tillgate }>,
  ledger: Ledger,
  watchers: TillWatcher[],
  runRef: string,
  settleMs: number,
) {
  const deadline = performance.now() + settleMs;
  for (;;) {
    const view = await readGatewayView(tills, ledger, runRef);
    const caughtUp = watchers.every((w) => {
      const seen = new Set(w.received.map((e) => e.id));
      return (view.logByTill.get(w.tillId) ?? []).every((e) => seen.has(e.id));
    });
    if (caughtUp || performance.now() > deadline) return view;
    await new Promise((r) => setTimeout(r, 250));
  }
}

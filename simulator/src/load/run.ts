import type { Wallet } from '@tillgate/sdk';
import type { CredentialsFile } from '../play/credentials.js';
import type { FleetAsk } from '../play/fleet.js';
import { Ledger } from '../play/ledger.js';
import type { Mix } from '../play/mix.js';
import { payerFor } from '../play/payer.js';
import { provisionedFleet } from '../play/provision.js';
import { SeededRandom } from '../play/random.js';
import type { RunSummary } from '../play/summary.js';
import { TillWatcher } from '../play/till-watcher.js';
import { concludeRun } from '../play/verdict.js';
import { showProgress } from './progress.js';
import { runLoadTill } from './till.js';

export interface LoadOptions extends FleetAsk {
  url: string;
  /** Where the till watchers connect; another instance on the same database and Redis tests the fan-out. */
  watchUrl?: string;
  /** Tills beyond the file's are created with its app credentials, named from the seed (see `provisionFleet`). */
  credentials: CredentialsFile;
  /** Orders per second over all tills. */
  rate: number;
  durationMs: number;
  mix: Mix;
  seed: number;
  wallet: Wallet;
  /** Pix orders whose charge is at this Pix PSP emulator are paid there, not through the sandbox route. */
  pixEmulatorUrl?: string;
  /** Live progress on stderr. */
  progress: boolean;
  /** How often a till's client retries a call the gateway answered retryable; absent, the SDK's default. */
  maxRetries?: number;
  /** How long the watchers may lag behind the log at the end before a missing event is a violation. */
  settleMs?: number;
  /** Told once every story is over, before the gateway is read back: faults stop here. */
  onStoriesOver?(): Promise<void>;
  /** Told at the start why fewer tills are played than asked. */
  note?(line: string): void;
}

/**
 * A load run: tills create orders at the rate for the duration and play each order's fate, a watcher per
 * till follows its events; then the gateway is read back and every invariant checked.
 */
export async function runLoad(options: LoadOptions): Promise<RunSummary> {
  const fleet = await provisionedFleet(options.credentials, options);
  if (fleet.shortfall) options.note?.(fleet.shortfall);
  const tills = fleet.tills.map((t) => ({ tillId: t.tillId, client: t.connect(options.url, options.maxRetries) }));
  const ledger = new Ledger();
  const watchers = fleet.tills.map((t) => new TillWatcher(t.tillId, t.connect(options.watchUrl ?? options.url)));
  await Promise.all(watchers.map((w) => w.ready()));

  const root = new SeededRandom(options.seed);
  const runRef = `SIM-${options.seed}-${Date.now().toString(36)}`;
  const payer = payerFor(options.pixEmulatorUrl);
  const stop = AbortSignal.timeout(options.durationMs);
  const started = performance.now();
  const stopProgress = options.progress ? showProgress(ledger, watchers, options.durationMs) : () => {};
  await Promise.all(
    tills.map((t, i) =>
      runLoadTill({
        cast: { ...t, payer, ledger, metadata: { simulator: runRef } },
        wallet: options.wallet,
        mix: options.mix,
        rate: options.rate / tills.length,
        runRef: `${runRef}-T${i + 1}`,
        random: root.fork(i),
        stop,
      }),
    ),
  );
  stopProgress();
  const seconds = (performance.now() - started) / 1000;
  await options.onStoriesOver?.();

  return concludeRun(
    { tills, ledger, watchers, runRef },
    { seed: options.seed, url: options.url, seconds, shortfall: fleet.shortfall },
    options.settleMs ?? 5000,
  );
}

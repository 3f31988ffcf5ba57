import type { Wallet } from '@tillgate/sdk';
import { Ledger } from '../play/ledger.js';
import type { Mix } from '../play/mix.js';
import type { CommonOptions } from '../play/options.js';
import { payerFor } from '../play/payer.js';
import { provisionedFleet } from '../play/provision.js';
import { SeededRandom } from '../play/random.js';
import type { RunSummary } from '../play/summary.js';
import { TillWatcher } from '../play/till-watcher.js';
import { concludeRun } from '../play/verdict.js';
import type { TillRow } from './board.js';
import { openDisplay } from './display.js';
import { runDemoTill } from './till.js';

export interface DemoOptions extends CommonOptions {
  mix: Mix;
  /** Every order in this wallet; absent, each till's wallets in turn. */
  wallet?: Wallet;
  /** Ends the demo (Ctrl-C, or the duration). */
  stop: AbortSignal;
  /** Told why fewer tills are played than asked. */
  note(line: string): void;
}

/**
 * The demo: a few tills at human pace on a live table, until stopped; then the gateway is read back and
 * every invariant checked, as after a load run.
 */
export async function runDemo(options: DemoOptions): Promise<RunSummary> {
  const fleet = await provisionedFleet(options.credentials, options);
  if (fleet.shortfall) options.note(fleet.shortfall);
  const tills = fleet.tills.map((t) => ({ tillId: t.tillId, client: t.connect(options.url) }));
  const rows: TillRow[] = fleet.tills.map((t) => ({ till: t.name, status: 'idle' }));
  const display = openDisplay(rows);
  const ledger = new Ledger();
  const watchers = fleet.tills.map(
    (t, i) =>
      new TillWatcher(t.tillId, t.connect(options.url), (event) => {
        const row = rows[i] as TillRow;
        if (event.data.order.id !== row.orderId) return;
        row.status = event.data.order.status;
        display.changed(row);
      }),
  );
  await Promise.all(watchers.map((w) => w.ready()));

  const wallets = await Promise.all(
    tills.map(async ({ client }) =>
      options.wallet ? [options.wallet] : (await client.wallets.list()).map((w) => w.wallet),
    ),
  );
  const root = new SeededRandom(options.seed);
  // Short, so a till's current order_ref fits the table.
  const runRef = `D${options.seed}-${Date.now().toString(36).slice(-6)}`;
  const payer = payerFor(options.credentials.pix_emulator_url ?? undefined);
  const started = performance.now();
  await Promise.all(
    tills.map((t, i) =>
      runDemoTill({
        cast: { ...t, payer, ledger, metadata: { simulator: runRef } },
        wallets: wallets[i] as Wallet[],
        mix: options.mix,
        runRef: `${runRef}-T${i + 1}`,
        random: root.fork(i),
        row: rows[i] as TillRow,
        changed: display.changed,
        stop: options.stop,
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  display.stop();

  return concludeRun(
    { tills, ledger, watchers, runRef },
    { seed: options.seed, url: options.url, seconds, shortfall: fleet.shortfall },
    5000,
  );
}

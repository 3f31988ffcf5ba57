import type { FaultCounts } from '../emulators/kit/index.js';
import { type LoadOptions, runLoad } from '../load/run.js';
import type { RunSummary } from '../play/summary.js';
import { EmulatorFaults, type FaultPlan } from './emulator-faults.js';
import { SocketCutter } from './socket-cutter.js';

export interface ChaosOptions extends Omit<LoadOptions, 'watchUrl' | 'onStoriesOver' | 'pixEmulatorUrl'> {
  /** The emulator of the run's wallet: the Pix PSP's, whose payers pay it directly, or a wallet's. */
  emulatorUrl: string;
  faults: FaultPlan;
  /** How often every till watcher's WebSocket is dropped. */
  cutEveryMs: number;
}

/**
 * A till keeps trying while the provider fails, as a clerk presses again: with one call in five refused, the
 * SDK's default two retries leave a create of a wallet whose own create cannot be retried at the provider
 * (Ame's `POST /orders`) refused about once in 125; six retries, once in 78,000.
 */
const CHAOS_RETRIES = 6;

/** What was played: the emulator's counts, and the WebSocket connections dropped. */
export interface FaultsPlayed extends FaultCounts {
  webSocketCuts: number;
}

export interface ChaosSummary extends RunSummary {
  faults: FaultsPlayed;
}

/**
 * A load run with faults: the wallet's provider (the Pix PSP, or a wallet's emulator) notifies late, twice
 * or never and answers some calls with a 5xx or slowly; the till watchers' connections drop. Payers pay at
 * the provider, so a lost notification leaves the gateway to find the payment by re-reading the charge. Faults stop once every story is over; then the
 * same invariants as a load run must hold.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosSummary> {
  const { faults: plan, cutEveryMs, emulatorUrl, ...rest } = options;
  // A Pix payer pays at the PSP, as a bank app would; a wallet's is paid at its emulator through the sandbox route.
  const load = {
    maxRetries: CHAOS_RETRIES,
    ...rest,
    ...(options.wallet === 'pix' ? { pixEmulatorUrl: emulatorUrl } : {}),
  };
  const cutter = await SocketCutter.start(options.url);
  const cutting = setInterval(() => cutter.cutAll(), cutEveryMs);
  const faults = await EmulatorFaults.start(emulatorUrl, plan);
  let played: FaultCounts | undefined;
  try {
    const summary = await runLoad({
      ...load,
      watchUrl: cutter.url,
      async onStoriesOver() {
        clearInterval(cutting);
        played = await faults.heal();
      },
    });
    played ??= await faults.heal();
    return { ...summary, faults: { ...played, webSocketCuts: cutter.cuts } };
  } finally {
    clearInterval(cutting);
    if (!played) await faults.heal().catch(() => {});
    await cutter.close();
  }
}

/** The faults as lines under the summary table. */
export function faultLines(f: FaultsPlayed): string {
  return [
    `faults   notifications: ${f.webhooks.late} late, ${f.webhooks.twice} twice, ${f.webhooks.never} lost`,
    `         provider calls: ${f.api.status} answered 503, ${f.api.delay} answered slowly`,
    `         till watchers: ${f.webSocketCuts} WebSocket connections dropped`,
  ].join('\n');
}

import type { Tillgate } from '@tillgate/sdk';
import { checkInvariants, type GatewayView, readGatewayView } from './invariants.js';
import type { Ledger } from './ledger.js';
import { type RunSummary, summarize } from './summary.js';
import type { TillWatcher } from './till-watcher.js';

/** What a run played: its tills, what they did, and a watcher per till. */
export interface PlayedRun {
  tills: Array<{ tillId: string; client: Tillgate }>;
  ledger: Ledger;
  watchers: TillWatcher[];
  runRef: string;
}

/**
 * The end of every run: reads the gateway back until each logged event of the run has reached its
 * watcher (or `settleMs` passes), closes the watchers, checks every invariant and sums the run up.
 */
export async function concludeRun(
  played: PlayedRun,
  run: { seed: number; url: string; seconds: number; shortfall?: string | undefined },
  settleMs: number,
): Promise<RunSummary> {
  const { tills, ledger, watchers, runRef } = played;
  const deadline = performance.now() + settleMs;
  let view: GatewayView;
  for (;;) {
    view = await readGatewayView(tills, ledger, runRef);
    if (watchersCaughtUp(view, watchers) || performance.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await Promise.all(watchers.map((w) => w.close()));
  const { shortfall, ...header } = run;
  return summarize(
    { ...header, ...(shortfall ? { shortfall } : {}) },
    ledger,
    view,
    watchers,
    checkInvariants(ledger, view, watchers),
  );
}

function watchersCaughtUp(view: GatewayView, watchers: TillWatcher[]): boolean {
  return watchers.every((w) => {
    const seen = new Set(w.received.map((e) => e.id));
    return (view.logByTill.get(w.tillId) ?? []).every((e) => seen.has(e.id));
  });
}

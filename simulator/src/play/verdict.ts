import type { Tillgate } from '@tillgate/sdk';
import { checkInvariants, type GatewayView, readGatewayView } from './invariants.js';
import type { Ledger } from './ledger.js';
import type { TillWatcher } from './till-watcher.js';

export interface Verdict {
  view: GatewayView;
  violations: string[];
}

/**
 * The end of every run: reads the gateway back until each logged event of the run has reached its
 * watcher (or `settleMs` passes), closes the watchers and checks every invariant.
 */
export async function judgeRun(
  tills: Array<{ tillId: string; client: Tillgate }>,
  ledger: Ledger,
  watchers: TillWatcher[],
  runRef: string,
  settleMs: number,
): Promise<Verdict> {
  const deadline = performance.now() + settleMs;
  let view: GatewayView;
  for (;;) {
    view = await readGatewayView(tills, ledger, runRef);
    if (watchersCaughtUp(view, watchers) || performance.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await Promise.all(watchers.map((w) => w.close()));
  return { view, violations: checkInvariants(ledger, view, watchers) };
}

function watchersCaughtUp(view: GatewayView, watchers: TillWatcher[]): boolean {
  return watchers.every((w) => {
    const seen = new Set(w.received.map((e) => e.id));
    return (view.logByTill.get(w.tillId) ?? []).every((e) => seen.has(e.id));
  });
}

import type { Ledger } from '../play/ledger.js';
import { quantile } from '../play/stats.js';
import type { TillWatcher } from '../play/till-watcher.js';

const BAR = 24;

/**
 * One status line, redrawn every second on a terminal (every five seconds as plain lines otherwise):
 * elapsed against duration, orders/s, create latency p50/p99, events/s and failures so far.
 */
export function showProgress(ledger: Ledger, watchers: TillWatcher[], durationMs: number): () => void {
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  const draw = () => {
    const elapsed = performance.now() - started;
    const done = Math.min(1, elapsed / durationMs);
    const filled = Math.round(done * BAR);
    const seconds = elapsed / 1000;
    const events = watchers.reduce((n, w) => n + w.received.length, 0);
    const recent = ledger.createLatenciesMs.slice(-500);
    const line =
      `[${'='.repeat(filled)}${' '.repeat(BAR - filled)}] ${seconds.toFixed(0)}/${(durationMs / 1000).toFixed(0)} s` +
      `  orders ${ledger.orders.size} (${(ledger.orders.size / seconds).toFixed(1)}/s)` +
      `  create p50 ${quantile(recent, 0.5).toFixed(0)} ms p99 ${quantile(recent, 0.99).toFixed(0)} ms` +
      `  events ${events} (${(events / seconds).toFixed(1)}/s)  failures ${ledger.failures.length}`;
    process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
  };
  const timer = setInterval(draw, tty ? 1000 : 5000);
  return () => {
    clearInterval(timer);
    draw();
    if (tty) process.stderr.write('\n');
  };
}

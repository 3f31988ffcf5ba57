import type { Topic } from '../protocol/index.js';

/** What to watch: one till, one store, one order, or (app credentials) the whole merchant. */
export type WatchTarget = { till: string } | { store: string } | { order: string } | 'merchant';

export function topicOf(target: WatchTarget): Topic {
  if (target === 'merchant') return 'merchant';
  if ('till' in target) return `till:${target.till}`;
  if ('store' in target) return `store:${target.store}`;
  return `order:${target.order}`;
}

import type { Topic as TopicName } from '@tillgate/sdk/protocol';

/** A parsed subscription topic. */
export type Topic = { kind: 'merchant' } | { kind: 'till' | 'store' | 'order'; id: string };

const TOPIC_PATTERN = /^(till|store|order):([A-Za-z0-9_]{1,64})$/;

export function parseTopic(name: string): Topic | undefined {
  if (name === 'merchant') return { kind: 'merchant' };
  const m = TOPIC_PATTERN.exec(name);
  if (!m) return undefined;
  return { kind: m[1] as 'till' | 'store' | 'order', id: m[2] as string };
}

export const topicName = (t: Topic): TopicName => (t.kind === 'merchant' ? 'merchant' : `${t.kind}:${t.id}`);

/** The names of the topics an event about this order, till and store belongs to (a report's: merchant, maybe store). */
export function topicsOf(e: { orderId: string | null; tillId: string | null; storeId: string | null }): string[] {
  const names = ['merchant'];
  if (e.tillId) names.push(`till:${e.tillId}`);
  if (e.storeId) names.push(`store:${e.storeId}`);
  if (e.orderId) names.push(`order:${e.orderId}`);
  return names;
}

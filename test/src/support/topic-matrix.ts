import WebSocket from 'ws';
import type { CallerKind, Callers } from './callers.js';

/** What a caller got asking to watch a topic from `after_seq: 0`, and how many events were replayed. */
export type Watch =
  | { got: 'subscribed'; events: number }
  | { got: 'forbidden' | 'unauthenticated' | `other: ${string}` };

/**
 * THE TOPIC MATRIX: each kind of topic, own (merchant A's T1, A1, O1, in test) or foreign (merchant B's), and
 * the callers that may watch it; everyone else is refused with `forbidden`, and a caller without credentials at
 * the upgrade, as HTTP answers 404 for the same ids. `empty`: subscribed, in a channel of the caller's own where
 * that topic's events may come but none came yet (a live app watching its merchant's till or store, whose live
 * events would arrive there); the test checks nothing is replayed.
 */
export const TOPIC_MATRIX: Record<string, { replays: readonly CallerKind[]; empty: readonly CallerKind[] }> = {
  'till:own': { replays: ['till', 'appTest', 'admin', 'manager', 'clerk'], empty: ['appLive'] },
  'till:foreign': { replays: ['tillOtherMerchant', 'userOtherMerchant'], empty: [] },
  'store:own': { replays: ['appTest', 'admin', 'manager', 'clerk'], empty: ['appLive'] },
  'store:foreign': { replays: ['userOtherMerchant'], empty: [] },
  'order:own': { replays: ['till', 'appTest', 'admin', 'manager', 'clerk', 'secret'], empty: [] },
  'order:foreign': { replays: ['tillOtherMerchant', 'userOtherMerchant'], empty: [] },
  merchant: { replays: ['appTest', 'admin', 'manager', 'clerk', 'userOtherMerchant'], empty: ['appLive'] },
};

function topicName(callers: Callers, topic: string): string {
  const t = callers.targets;
  const names: Record<string, string> = {
    'till:own': `till:${t.tillT1}`,
    'till:foreign': `till:${t.tillTB}`,
    'store:own': `store:${t.storeA1}`,
    'store:foreign': `store:${t.storeB1}`,
    'order:own': `order:${t.orderO1.id}`,
    'order:foreign': `order:${t.orderOB.id}`,
    merchant: 'merchant',
  };
  const name = names[topic];
  if (!name) throw new Error(`no topic ${topic}`);
  return name;
}

/**
 * Opens `/v1/ws` as the caller, asks for the topic from the start and reports the answer; the replay comes
 * before the answer to an `unsubscribe`, so counting up to it needs no waiting. The socket is closed after.
 */
export function watchAs(callers: Callers, kind: CallerKind, topic: string): Promise<Watch> {
  const credential = callers.credentials[kind];
  const headers: Record<string, string> =
    credential.kind === 'bearer'
      ? { authorization: `Bearer ${credential.token}` }
      : credential.kind === 'session'
        ? { cookie: credential.session.cookie }
        : {};
  const name = topicName(callers, topic);
  return new Promise((resolve) => {
    const socket = new WebSocket(`${callers.t.url.replace('http', 'ws')}/v1/ws`, { headers });
    let events = 0;
    const done = (w: Watch) => {
      socket.terminate();
      resolve(w);
    };
    socket.once('unexpected-response', (_req, res) =>
      done({ got: res.statusCode === 401 ? 'unauthenticated' : `other: ${res.statusCode}` }),
    );
    socket.once('error', (err) => done({ got: `other: ${err.message}` }));
    socket.once('open', () => socket.send(JSON.stringify({ op: 'subscribe', topic: name, after_seq: 0 })));
    socket.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { op: string; error?: { code: string } };
      if (m.op === 'subscribed') socket.send(JSON.stringify({ op: 'unsubscribe', topic: name }));
      else if (m.op === 'event') events++;
      else if (m.op === 'unsubscribed') done({ got: 'subscribed', events });
      else if (m.op === 'error') done({ got: m.error?.code === 'forbidden' ? 'forbidden' : `other: ${m.error?.code}` });
    });
  });
}

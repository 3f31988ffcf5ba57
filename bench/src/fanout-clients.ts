/**
 * One of the fan-out benchmark's client processes (forked by benchmarks/fanout.ts): opens one WebSocket
 * per bench till `from…to` from its own loopback address with the merchant's app token, subscribes each
 * to its till, and notes how long after the event's `created_at` each frame arrives, and how long after the
 * order's deadline (what a till sees: the expiry worker's tick is in it).
 * While events flow it pings a few sockets every 100 ms: the transport's own round trip under the same load.
 */
import type { ServerMessage } from '@tillgate/sdk/protocol';
import WebSocket from 'ws';
import { benchTillId } from './seed.js';

export interface ClientJob {
  url: string;
  /** An app token: it may watch every till of the merchant. */
  token: string;
  from: number;
  to: number;
  localAddress: string;
}

export type ClientReport =
  | { kind: 'ready'; sockets: number }
  | { kind: 'done' }
  | {
      kind: 'results';
      latencies: number[];
      sinceDeadline: number[];
      pings: number[];
      failures: number;
      firstAt: number;
      lastAt: number;
    };

const CONNECTS_IN_FLIGHT = 64;
const PINGS_PER_TICK = 5;

const report = (m: ClientReport) => process.send?.(m);

process.once('message', (job: ClientJob) => {
  void run(job).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});

async function run(job: ClientJob): Promise<void> {
  const tills = Array.from({ length: job.to - job.from + 1 }, (_, k) => job.from + k);
  const latencies: number[] = [];
  const sinceDeadline: number[] = [];
  let failures = 0;
  let firstAt = 0;
  let lastAt = 0;
  const onEvent = (m: ServerMessage) => {
    if (m.op !== 'event') return;
    lastAt = Date.now();
    firstAt ||= lastAt;
    latencies.push(lastAt - Date.parse(m.event.created_at));
    if ('order' in m.event.data) sinceDeadline.push(lastAt - Date.parse(m.event.data.order.expires_at));
    if (latencies.length === tills.length) report({ kind: 'done' });
  };
  const sockets = await lanes(tills, CONNECTS_IN_FLIGHT, (i) =>
    subscribe(job, `till:${benchTillId(i)}`, onEvent, () => failures++),
  );
  report({ kind: 'ready', sockets: sockets.length });

  const pings: number[] = [];
  const pinger = setInterval(() => {
    for (let n = 0; n < PINGS_PER_TICK; n++) {
      const socket = sockets[Math.floor(Math.random() * sockets.length)] as WebSocket;
      const sentAt = performance.now();
      socket.once('pong', () => pings.push(performance.now() - sentAt));
      socket.ping();
    }
  }, 100);
  process.once('message', () => {
    clearInterval(pinger);
    report({ kind: 'results', latencies, sinceDeadline, pings, failures, firstAt, lastAt });
    for (const s of sockets) s.terminate();
    process.disconnect();
  });
}

function subscribe(
  job: ClientJob,
  topic: string,
  onEvent: (m: ServerMessage) => void,
  onFailure: () => void,
): Promise<WebSocket> {
  const socket = new WebSocket(`${job.url.replace('http', 'ws')}/v1/ws?access_token=${encodeURIComponent(job.token)}`, {
    localAddress: job.localAddress,
    perMessageDeflate: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ op: 'subscribe', topic })));
    socket.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as ServerMessage;
      if (m.op === 'subscribed') {
        socket.off('error', reject);
        socket.on('error', onFailure);
        socket.on('close', onFailure);
        resolve(socket);
      } else if (m.op === 'error') reject(new Error(`subscribe ${topic}: ${JSON.stringify(m.error)}`));
      else onEvent(m);
    });
  });
}

/** Runs `job` over `items` with at most `width` at once; answers in item order. */
async function lanes<T, R>(items: T[], width: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let k = next++; k < items.length; k = next++) results[k] = await job(items[k] as T);
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

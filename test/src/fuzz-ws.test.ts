import { ERROR_CATALOGUE, type ErrorCode } from '@tillgate/sdk/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { encodeFrame, type FrameSpec, RawWebSocket } from './support/fuzz/frames.js';
import type { FuzzFailure } from './support/fuzz/oracle.js';
import { budget, recordedSeeds, runBounded, type Seed, Tally } from './support/fuzz/run.js';
import { NASTY_STRINGS, WRONG_VALUE } from './support/fuzz/schema-arbitrary.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';

const MESSAGES = budget({ runs: 120, seconds: 20 });
const FRAMES = budget({ runs: 60, seconds: 15 });
const text = (s: string) => Buffer.from(s, 'utf8');
const OPEN_MAX_PAYLOAD = 64 * 1024;

/** Frames a client must not send, with the close codes RFC 6455 gives them; sent only once sec-ws is merged. */
const MALFORMED: ReadonlyArray<[string, FrameSpec[], number[]]> = [
  ['a text frame over 64 KiB', [{ opcode: 1, payload: Buffer.alloc(OPEN_MAX_PAYLOAD + 1, 0x61) }], [1009]],
  ['an unmasked frame', [{ opcode: 1, payload: text('{}'), masked: false }], [1002]],
  ['invalid UTF-8', [{ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xff]) }], [1007]],
  ['a reserved opcode', [{ opcode: 3, payload: text('x') }], [1002]],
  ['RSV1 without an extension', [{ opcode: 1, rsv: 4, payload: text('{}') }], [1002]],
  ['a control frame over 125 bytes', [{ opcode: 9, payload: Buffer.alloc(126) }], [1002]],
  ['a fragmented ping', [{ opcode: 9, fin: false, payload: text('p') }], [1002]],
  ['a continuation with nothing to continue', [{ opcode: 0, payload: text('x') }], [1002]],
  ['a close with code 999', [{ opcode: 8, payload: Buffer.from([0x03, 0xe7]) }], [1002]],
];

describe('WebSocket fuzzing', () => {
  let t!: TestGateway;
  let headers!: Record<string, string>[];
  let topics!: string[];
  const tally = new Tally();

  beforeAll(async () => {
    t = await startPgliteGateway({ workerIntervalMs: 3_600_000 });
    const till = await t.api.tillToken(0);
    const order = await t.api.createOrder(till, { order_ref: ref('WZ'), wallet: 'pix', amount: 990 });
    expect(order.status).toBe(201);
    headers = [till, await t.api.appToken(), order.body.client_secret].map((c) => ({ authorization: `Bearer ${c}` }));
    topics = [
      'merchant',
      `order:${order.body.id}`,
      `till:${t.demo.tills[0]?.id}`,
      'store:sto_DEMO0000000000000000000000',
    ];
  });
  afterAll(async () => {
    console.log(tally.report('WebSocket fuzz'));
    await t?.close();
  });

  /** Problems in what the server wrote, by the rules every answer keeps. */
  const judgeTexts = (texts: string[], request: string): FuzzFailure[] =>
    texts.flatMap((raw) => {
      const m = JSON.parse(raw) as { op: string; error?: { code: string; status: number } };
      if (m.op !== 'error') return [];
      const entry = ERROR_CATALOGUE[m.error?.code as ErrorCode] as { status: number } | undefined;
      if (entry && entry.status === m.error?.status && entry.status < 500) return [];
      return [
        {
          rule: 'a catalogued client error',
          status: m.error?.status ?? 0,
          detail: raw,
          request: { method: 'WS', path: '/v1/ws', headers: {}, text: request },
        },
      ];
    });

  /** The gateway still answers HTTP and opens sockets after the case. */
  const alive = async () => (await fetch(`${t.url}/healthz`)).status === 200;

  let probe = 0;
  /** Sends the bytes, then an unsubscribe whose answer marks the end of everything the bytes caused. */
  async function exchange(ws: RawWebSocket, bytes: Buffer[]): Promise<string[]> {
    const marker = `probe-${++probe}`;
    for (const b of bytes) ws.write(b);
    ws.write(encodeFrame({ opcode: 1, payload: text(JSON.stringify({ op: 'unsubscribe', topic: marker })) }));
    const seen = await ws.until((s) => s.includes(marker));
    return seen.texts;
  }

  const message = fc.oneof(
    fc.record({
      op: fc.constantFrom('subscribe', 'unsubscribe', 'SUBSCRIBE', 'ping', ''),
      topic: fc.oneof(
        fc.constantFrom('merchant', 'order:', 'till:x', 'store:ord_00000000000000000000000000'),
        NASTY_STRINGS,
      ),
      after_seq: fc.option(WRONG_VALUE, { nil: undefined }),
    }),
    WRONG_VALUE,
  );

  const messageProperty = () =>
    fc.asyncProperty(
      fc.noShrink(fc.tuple(fc.nat(2), message, fc.boolean(), fc.constantFrom(...[0, 1, 2, 3]))),
      async ([who, body, binary, topicIndex]) => {
        const ws = await RawWebSocket.open(t.url, headers[who] as Record<string, string>);
        try {
          const payload = typeof body === 'string' ? text(body) : text(JSON.stringify(body) ?? 'null');
          const valid = text(JSON.stringify({ op: 'subscribe', topic: topics[topicIndex], after_seq: 0 }));
          const texts = await exchange(ws, [
            encodeFrame({ opcode: binary ? 2 : 1, payload: payload.subarray(0, OPEN_MAX_PAYLOAD) }),
            encodeFrame({ opcode: 1, payload: valid }),
          ]);
          const failures = judgeTexts(texts, JSON.stringify(body)?.slice(0, 300) ?? '');
          if (!(await alive()))
            failures.push({
              rule: 'the gateway goes on',
              status: 0,
              detail: 'no /healthz',
              request: { method: 'WS', path: '/v1/ws', headers: {}, text: String(body) },
            });
          if (tally.file(failures)) return true;
          throw new Error(failures.map((f) => `${f.rule}: ${f.request.text} → ${f.detail}`).join('\n'));
        } finally {
          ws.destroy();
        }
      },
    );

  /** Well-formed frames a client may send: fragments, pings, pongs, empty and binary messages. */
  const wellFormed: fc.Arbitrary<{ name: string; frames: FrameSpec[] }> = fc.oneof(
    fc.string({ maxLength: 200 }).map((s) => {
      const m = text(JSON.stringify({ op: 'subscribe', topic: s }));
      const cut = Math.floor(m.length / 2);
      return {
        name: 'a fragmented text message',
        frames: [
          { opcode: 1, fin: false, payload: m.subarray(0, cut) },
          { opcode: 0, payload: m.subarray(cut) },
        ],
      };
    }),
    fc
      .uint8Array({ maxLength: 125 })
      .map((b) => ({ name: 'a ping', frames: [{ opcode: 9, payload: Buffer.from(b) }] })),
    fc
      .uint8Array({ maxLength: 125 })
      .map((b) => ({ name: 'an unsolicited pong', frames: [{ opcode: 10, payload: Buffer.from(b) }] })),
    fc
      .uint8Array({ maxLength: 2000 })
      .map((b) => ({ name: 'a binary message', frames: [{ opcode: 2, payload: Buffer.from(b) }] })),
    fc.constant<{ name: string; frames: FrameSpec[] }>({
      name: 'an empty text message',
      frames: [{ opcode: 1, payload: Buffer.alloc(0) }],
    }),
  );
  const malformed = fc.constantFrom(...MALFORMED).map(([name, frames, codes]) => ({ name, frames, codes }));

  const frameProperty = () =>
    fc.asyncProperty(
      fc.noShrink(fc.oneof(wellFormed, malformed)),
      async (c: { name: string; frames: FrameSpec[]; codes?: number[] }) => {
        const ws = await RawWebSocket.open(t.url, headers[1] as Record<string, string>);
        const failures: FuzzFailure[] = [];
        const fail = (detail: string) =>
          failures.push({
            rule: c.codes ? 'malformed frame' : 'frames',
            status: 0,
            detail,
            request: { method: 'WS', path: '/v1/ws', headers: {}, text: c.name },
          });
        try {
          if (c.codes) {
            for (const f of c.frames) ws.write(encodeFrame(f));
            const seen = await ws.until(() => false);
            if (!c.codes.includes(seen.closeCode ?? 0))
              fail(`${c.name}: closed with ${seen.closeCode ?? 'nothing'}, want ${c.codes.join('|')}`);
          } else {
            failures.push(
              ...judgeTexts(
                await exchange(
                  ws,
                  c.frames.map((f) => encodeFrame(f)),
                ),
                c.name,
              ),
            );
          }
          if (!(await alive())) fail(`${c.name}: the gateway stopped answering`);
          if (tally.file(failures)) return true;
          throw new Error(failures.map((f) => f.detail).join('\n'));
        } finally {
          ws.destroy();
        }
      },
    );

  it(
    `answers every message with a catalogued problem or a subscription, and goes on (${MESSAGES.runs} cases at most)`,
    async () => {
      await runBounded(messageProperty(), { numRuns: MESSAGES.runs, seconds: MESSAGES.seconds });
      expect(tally.failures).toEqual([]);
    },
    (MESSAGES.seconds + 30) * 1000,
  );

  it(
    `takes odd but valid frames, and closes a socket on a malformed one with its close code (${FRAMES.runs} cases at most)`,
    async () => {
      await runBounded(frameProperty(), { numRuns: FRAMES.runs, seconds: FRAMES.seconds });
      expect(tally.failures).toEqual([]);
    },
    (FRAMES.seconds + 30) * 1000,
  );

  const seeds = recordedSeeds('ws');
  it.skipIf(seeds.length === 0).each(seeds)('replays the recorded case $seed ($found)', async (seed: Seed) => {
    const options = { numRuns: 1, seconds: 30, replay: seed };
    if (seed.found.startsWith('frame')) await runBounded(frameProperty(), options);
    else await runBounded(messageProperty(), options);
  });
});

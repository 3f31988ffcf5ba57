import { parseReais } from '@tillgate/sdk/pix';
import type { Call, Route } from './http.js';
import type { Pix } from './ledger.js';
import type { Delivery, WebhookChances, WebhookMisbehaviour, WebhookMode } from './webhooks.js';

/** Ways the emulated PSP misbehaves on its API and token endpoints until healed. */
export interface Faults {
  /** Answer with this 5xx status (a problem+json of the spec's type). */
  status?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer 200 with an HTML page instead of JSON. */
  garbage?: boolean;
  /** Hand out charges whose `pixCopiaECola` has a wrong CRC. */
  brokenBRCode?: boolean;
  /** Only requests whose `METHOD path` matches this regular expression misbehave; absent, all. */
  match?: string;
  /** Only this many (matching) requests misbehave; absent, all until healed. */
  times?: number;
  /** Only this share (0..1) of the matching requests misbehave, drawn at random; absent, every one. */
  fraction?: number;
}

/** How often each fault has been played since the emulator started: for chaos runs to show they happened. */
export interface FaultCounts {
  /** API and token requests answered with a 5xx, answered late, answered with garbage. */
  api: { status: number; delay: number; garbage: number };
  webhooks: WebhookMisbehaviour;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface Controls {
  pay(txid: string, options: { centavos?: number; refunds?: 'fail' }): Promise<Pix>;
  /** The txid of the charge at a BR Code's location. */
  txidAt(location: string): string;
  fail(faults: Faults): void;
  heal(): void;
  readonly faultCounts: FaultCounts;
  /** `chances` (in `once` mode) makes a share of notifications misbehave; a new call replaces them. */
  setWebhookMode(mode: WebhookMode, chances?: WebhookChances): void;
  releaseWebhooks(): Promise<number>;
  received: readonly ReceivedRequest[];
  deliveries: readonly Delivery[];
}

const MODES: readonly WebhookMode[] = ['once', 'twice', 'never', 'late'];
const CHANCES: ReadonlyArray<keyof WebhookChances> = ['twice', 'never', 'late', 'lateMs'];

/** The emulator's own endpoints under `/_emulator`, for the demo and for people; tests may call `Controls` directly. */
export function controlRoutes(controls: Controls): Route[] {
  const record = (call: Call) => (call.body ?? {}) as Record<string, unknown>;
  return [
    {
      method: 'POST',
      pattern: /^\/_emulator\/cob\/([^/]+)\/pay$/,
      handle: async (call, [txid = '']) => {
        const { valor, refunds } = record(call);
        const pix = await controls.pay(txid, {
          ...(typeof valor === 'string' ? { centavos: parseReais(valor) } : {}),
          ...(refunds === 'fail' ? { refunds } : {}),
        });
        return { status: 200, body: pix };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/pay$/,
      handle: async (call) => {
        const { location } = record(call);
        if (typeof location !== 'string') return { status: 400, body: { error: 'location must be a string' } };
        return { status: 200, body: await controls.pay(controls.txidAt(location), {}) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/_emulator\/faults$/,
      handle: () => ({ status: 200, body: controls.faultCounts }),
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/faults$/,
      handle: (call) => {
        controls.fail(record(call) as Faults);
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/_emulator\/faults$/,
      handle: () => {
        controls.heal();
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/webhooks$/,
      handle: (call) => {
        const body = record(call);
        const mode = body.mode as WebhookMode;
        if (!MODES.includes(mode)) return { status: 400, body: { error: `mode must be one of ${MODES.join(', ')}` } };
        const chances = Object.fromEntries(
          CHANCES.filter((k) => typeof body[k] === 'number').map((k) => [k, body[k] as number]),
        );
        controls.setWebhookMode(mode, chances);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/webhooks\/release$/,
      handle: async () => ({ status: 200, body: { released: await controls.releaseWebhooks() } }),
    },
    { method: 'GET', pattern: /^\/_emulator\/received$/, handle: () => ({ status: 200, body: controls.received }) },
    { method: 'GET', pattern: /^\/_emulator\/deliveries$/, handle: () => ({ status: 200, body: controls.deliveries }) },
  ];
}

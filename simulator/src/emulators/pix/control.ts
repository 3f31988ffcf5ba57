import { parseReais } from '@tillgate/sdk/pix';
import { controlBody, type EmulatorControls, type Faults, type Route } from '../kit/index.js';
import { MED_NATUREZAS, type MedNatureza, type Pix } from './ledger.js';
import type { PixNotification } from './webhooks.js';

/** The kit's faults, and charges whose `pixCopiaECola` has a wrong CRC. */
export interface PixFaults extends Faults {
  brokenBRCode?: boolean;
}

export interface Controls extends EmulatorControls<PixFaults, PixNotification> {
  pay(txid: string, options: { centavos?: number; refunds?: 'fail' }): Promise<Pix>;
  /** The payer's bank takes the charge's payment back through the MED; the receiver's webhook hears of it. */
  med(txid: string, options: { centavos?: number; natureza?: MedNatureza }): Promise<Pix>;
  /** The txid of the charge at a BR Code's location. */
  txidAt(location: string): string;
  /** What a payer's bank reads at a location: the linked charge's payload. */
  payloadAt(location: string): Record<string, unknown>;
  /** The emulator's host, that locations start with. */
  readonly host: string;
}

/** How a payer pays, under `/_emulator` beside the kit's controls; tests may call `Controls` directly. */
export function payerRoutes(controls: Controls): Route[] {
  return [
    {
      // A location, as a payer's bank fetches it: the linked charge's payload as a JWS. Real PSPs sign
      // it with a key published at `jku`; the emulator signs nothing (`alg: none`), which no bank accepts.
      method: 'GET',
      pattern: /^\/qr\/v2\/([0-9a-f]+)$/,
      handle: (call) => ({
        status: 200,
        raw: compactJws(controls.payloadAt(controls.host + call.path)),
        contentType: 'application/jose',
      }),
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/cob\/([^/]+)\/pay$/,
      handle: async (call, [txid = '']) => {
        const { valor, refunds } = controlBody(call);
        const pix = await controls.pay(txid, {
          ...(typeof valor === 'string' ? { centavos: parseReais(valor) } : {}),
          ...(refunds === 'fail' ? { refunds } : {}),
        });
        return { status: 200, body: pix };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/cob\/([^/]+)\/med$/,
      handle: async (call, [txid = '']) => {
        const { valor, natureza } = controlBody(call);
        if (natureza !== undefined && !MED_NATUREZAS.includes(natureza as MedNatureza))
          return { status: 400, body: { error: `natureza must be one of ${MED_NATUREZAS.join(', ')}` } };
        const pix = await controls.med(txid, {
          ...(typeof valor === 'string' ? { centavos: parseReais(valor) } : {}),
          ...(natureza === undefined ? {} : { natureza: natureza as MedNatureza }),
        });
        return { status: 200, body: pix };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/pay$/,
      handle: async (call) => {
        const { location } = controlBody(call);
        if (typeof location !== 'string') return { status: 400, body: { error: 'location must be a string' } };
        return { status: 200, body: await controls.pay(controls.txidAt(location), {}) };
      },
    },
  ];
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const compactJws = (payload: unknown): string => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;

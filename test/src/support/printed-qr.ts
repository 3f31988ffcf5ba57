import { parseBRCode } from '@tillgate/sdk/pix';
import type { Order, Till } from '@tillgate/sdk/protocol';
import { expect } from 'vitest';
import { type ApiClient, ref } from './api.js';

/** `GET /v1/tills/{id}/qr?wallet=`: a till's printed code. */
export interface PrintedQr {
  mode: Till['qr_mode'];
  wallet: string;
  qr_code_text: string;
}

/** Where a code sends the payer's bank or app (BR Code tag 26.25). */
export function locationOf(code: string): string {
  const parsed = parseBRCode(code);
  if (parsed.kind !== 'dynamic') throw new Error(`not a location code: ${parsed.kind}`);
  return parsed.location;
}

/** What a printed-QR suite stands on; read at each call, since suites set it in `beforeAll`. */
export interface PrintedQrSuite {
  api: ApiClient;
  /** An app token: it sets the till's mode and reads its printed code. */
  app: string;
  /** The till's own token: it creates the orders. */
  token: string;
  tillId: string;
}

/** The calls a printed-QR suite makes at one till, in one wallet. */
export function printedQrTill(at: () => PrintedQrSuite, wallet: string) {
  return {
    setMode: (qr_mode: string, tillId = at().tillId) =>
      at().api.call<Till>('PATCH', `/v1/tills/${tillId}`, { token: at().app, body: { qr_mode } }),
    printedQr: (of = wallet) =>
      at().api.call<PrintedQr>('GET', `/v1/tills/${at().tillId}/qr?wallet=${of}`, { token: at().app }),
    async create(amount: number): Promise<Order> {
      const { api, token } = at();
      const r = await api.createOrder(token, { order_ref: ref(), wallet, amount });
      expect(r.status).toBe(201);
      return r.body;
    },
  };
}

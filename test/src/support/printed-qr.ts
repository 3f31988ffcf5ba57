import { parseBRCode } from '@tillgate/sdk/pix';
import type { Till } from '@tillgate/sdk/protocol';

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

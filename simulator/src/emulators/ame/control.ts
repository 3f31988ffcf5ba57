import { at, controlBody, type EmulatorControls, type Faults, type Route } from '../kit/index.js';
import type { AmeTransaction, PayOptions } from './ledger.js';

export interface Controls extends EmulatorControls<Faults, AmeTransaction> {
  /** A payer authorizes the order in the Ame app (or Ame denies it); Ame then calls the order's callback. */
  pay(orderId: string, options?: PayOptions): Promise<AmeTransaction>;
}

/**
 * How a payer pays, under `/_emulator` beside the kit's controls: `POST /_emulator/orders/{id}/pay`
 * `{ "amount"?: 1990, "refunds"?: "fail", "deny"?: true }`. Tests may call `Controls` directly.
 */
export function payerRoutes(controls: Controls): Route[] {
  return [
    {
      method: 'POST',
      pattern: at('/_emulator', '/orders/:id/pay'),
      handle: async (call, [orderId = '']) => {
        const { amount, refunds, deny } = controlBody(call);
        const transaction = await controls.pay(orderId, {
          ...(typeof amount === 'number' ? { amount } : {}),
          ...(refunds === 'fail' ? { refunds } : {}),
          ...(deny === true ? { deny } : {}),
        });
        return { status: 200, body: transaction };
      },
    },
  ];
}

import { encodeBRCode, MERCHANT_CITY_MAX, MERCHANT_NAME_MAX, normaliseMerchantText } from '@tillgate/sdk/pix';
import type { Logger } from 'pino';
import { checkOrderBRCode } from '../br-code.js';
import type { Charge, ChargeRequest, FixedQr, FixedQrLink } from '../types.js';
import type { PixAccount } from './account.js';
import type { PixApiClient } from './client.js';
import { chargeOf, cobRequest, printedTxidOf, readCob, readLocation, txidOf } from './mapper.js';

/**
 * A till's printed QR in the API Pix: a fixed location (`POST /loc`) whose code never changes, and each
 * new order's charge linked to it (`PUT /cob/{txid}` with `loc.id`) once the previous one is unlinked
 * (`DELETE /loc/{id}/txid`). A payer's bank reads the location and gets whichever charge is linked then.
 * The gateway runs one link at a time per printed QR, across instances, so a location never charges two orders.
 */
export class FixedLocations {
  constructor(
    private readonly client: PixApiClient,
    private readonly log: Logger,
  ) {}

  async create(account: PixAccount, merchant: { name: string; city: string }): Promise<FixedQr> {
    const answer = await this.client.call(account, {
      method: 'POST',
      path: '/loc',
      body: { tipoCob: 'cob' },
      idempotent: false,
    });
    const { locationRef, location } = readLocation(answer);
    const qrCodeText = encodeBRCode({
      kind: 'dynamic',
      // No `01`: a printed code is read again and again (`12` would tell banks it is single-use).
      location,
      merchantName: normaliseMerchantText(merchant.name, MERCHANT_NAME_MAX) || 'LOJA',
      merchantCity: normaliseMerchantText(merchant.city, MERCHANT_CITY_MAX) || 'BRASIL',
    });
    return { locationRef, qrCodeText };
  }

  unlink(account: PixAccount, locationRef: string): Promise<unknown> {
    return this.client.call(account, { method: 'DELETE', path: `/loc/${locationRef}/txid`, idempotent: true });
  }

  /**
   * Static: the order's one charge is the printed QR's. Hybrid: the order's own charge is shown, and a
   * second charge of it (`printedTxidOf`) is linked to the printed QR; if that link fails, the order
   * still sells through its own code.
   */
  async charge(account: PixAccount, order: ChargeRequest, fixed: FixedQrLink): Promise<Charge> {
    if (fixed.mode === 'static') {
      await this.link(account, order, fixed, txidOf(order.orderId));
      return {
        providerRef: txidOf(order.orderId),
        qrCodeText: fixed.qrCodeText,
        deepLink: null,
        linkedRef: txidOf(order.orderId),
      };
    }
    const own = chargeOf(
      readCob(
        await this.client.call(account, {
          method: 'PUT',
          path: `/cob/${txidOf(order.orderId)}`,
          body: cobRequest(order, account.config.pixKey),
          idempotent: true,
        }),
      ),
      order.amount,
    );
    const printed = printedTxidOf(order.orderId);
    try {
      await this.link(account, order, fixed, printed);
      return { ...own, linkedRef: printed };
    } catch (err) {
      this.log.warn({ err, order_id: order.orderId }, 'hybrid till: the printed QR was not linked to the order');
      return own;
    }
  }

  private async link(account: PixAccount, order: ChargeRequest, fixed: FixedQrLink, txid: string): Promise<void> {
    await this.unlink(account, fixed.locationRef);
    const cob = readCob(
      await this.client.call(account, {
        method: 'PUT',
        path: `/cob/${txid}`,
        body: cobRequest(order, account.config.pixKey, fixed.locationRef),
        idempotent: true,
      }),
    );
    // The charge must now be behind the printed code, for this order's amount.
    const location = cob.loc?.location ?? cob.location ?? '';
    checkOrderBRCode(fixed.qrCodeText, { provider: 'the PSP', amount: order.amount, location });
  }
}

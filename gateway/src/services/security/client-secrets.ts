import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An order's client secret is derived from its id with the gateway key, so it is never stored and
 * can be checked without a query: `ord_…_secret_<hmac>`.
 */
export class ClientSecrets {
  constructor(private readonly key: Buffer) {}

  issue(orderId: string): string {
    return `${orderId}_secret_${this.mac(orderId)}`;
  }

  /** The order id the secret opens, or undefined. */
  verify(secret: string): string | undefined {
    const at = secret.lastIndexOf('_secret_');
    if (at <= 0) return undefined;
    const orderId = secret.slice(0, at);
    const given = Buffer.from(secret.slice(at + '_secret_'.length));
    const expected = Buffer.from(this.mac(orderId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? orderId : undefined;
  }

  private mac(orderId: string): string {
    return createHmac('sha256', this.key).update(orderId).digest('base64url').slice(0, 32);
  }
}

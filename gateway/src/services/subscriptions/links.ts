import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a recipient's emailed link does, without logging in. */
export type LinkPurpose = 'confirm' | 'unsubscribe';

/**
 * Signed links for a subscription's recipient: the token is `<subscription id>.<HMAC of the purpose, the
 * id and the address>`, base64url-encoded so the link reads as one opaque string. Nothing is stored;
 * changing the address voids the links sent to the old one.
 */
export class SubscriptionLinks {
  constructor(
    private readonly key: Buffer,
    private readonly publicUrl: () => string,
  ) {}

  url(purpose: LinkPurpose, subscription: { id: string; email: string }): string {
    const base = this.publicUrl().replace(/\/$/, '');
    return `${base}/v1/report-subscriptions/${purpose}?token=${this.token(purpose, subscription)}`;
  }

  token(purpose: LinkPurpose, s: { id: string; email: string }): string {
    return Buffer.from(`${s.id}.${this.signature(purpose, s.id, s.email)}`).toString('base64url');
  }

  /** The subscription id a token names; `verify` then says whether it holds for that subscription. */
  idOf(token: string): string | undefined {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    const dot = decoded.indexOf('.');
    return dot > 0 ? decoded.slice(0, dot) : undefined;
  }

  verify(purpose: LinkPurpose, token: string, s: { id: string; email: string }): boolean {
    const given = Buffer.from(token);
    const wanted = Buffer.from(this.token(purpose, s));
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  private signature(purpose: LinkPurpose, id: string, email: string): string {
    return createHmac('sha256', this.key).update(`${purpose}:${id}:${email.toLowerCase()}`).digest('base64url');
  }
}

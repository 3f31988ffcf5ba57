import { createHash, createHmac } from 'node:crypto';

/**
 * A link's token is derived from its id with a gateway key, so the mail worker and a resend can rebuild
 * its URL while the database keeps only the token's SHA-256 (a stolen table opens no link). 256 bits,
 * unguessable, and it names nothing: the id cannot be read back from it.
 */
export class LinkTokens {
  constructor(private readonly key: Buffer) {}

  tokenOf(linkId: string): string {
    return createHmac('sha256', this.key).update(`payment-link:${linkId}`).digest('base64url');
  }

  hashOf(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** A token has exactly the form `tokenOf` makes, so anything else is refused before a query. */
  isWellFormed(token: string): boolean {
    return /^[A-Za-z0-9_-]{43}$/.test(token);
  }
}

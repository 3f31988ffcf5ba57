import { createHash } from 'node:crypto';

/**
 * Names one app secret inside its tokens without revealing anything of it: a prefix of the hash of the
 * hash the gateway keeps. Tokens carry it so a regenerated secret can end the tokens of the old one.
 */
export const secretTag = (secretHash: string): string =>
  createHash('sha256').update(secretHash).digest('hex').slice(0, 16);

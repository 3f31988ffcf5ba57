import type { Knex } from 'knex';
import { newSecret } from '../../ids.js';
import {
  type EmailTokenPurpose,
  findEmailTokenUser,
  insertEmailToken,
  useEmailToken,
} from '../../store/email-tokens.js';
import { ApiError } from '../errors.js';
import { hashSecret } from './auth.js';

const HOUR_MS = 3_600_000;

/** How long each emailed link works. */
export const LINK_TTL_MS: Record<EmailTokenPurpose, number> = {
  activate: 24 * HOUR_MS,
  reset: HOUR_MS,
  invite: 7 * 24 * HOUR_MS,
  unlock: HOUR_MS,
};

/** A one-time link token; only its hash is stored. */
export async function issueEmailToken(
  db: Knex | Knex.Transaction,
  purpose: EmailTokenPurpose,
  userId: string,
  now: Date,
): Promise<string> {
  const token = newSecret('el');
  await insertEmailToken(db, {
    hash: hashSecret(token),
    purpose,
    userId,
    expiresAt: new Date(now.getTime() + LINK_TTL_MS[purpose]),
  });
  return token;
}

/** Whose link this is, leaving it unused; answers as `redeemEmailToken` does for one that no longer works. */
export async function readEmailToken(
  db: Knex | Knex.Transaction,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string> {
  const userId = await findEmailTokenUser(db, hashSecret(token), purpose, now);
  if (!userId) throw invalidLink();
  return userId;
}

export const invalidLink = (): ApiError =>
  new ApiError('invalid_link', 'This link is not valid: it was already used or has expired');

/** Uses the link once; unknown, used and expired links are all the same 400. */
export async function redeemEmailToken(
  trx: Knex.Transaction,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string> {
  const userId = await useEmailToken(trx, hashSecret(token), purpose, now);
  if (!userId) throw invalidLink();
  return userId;
}

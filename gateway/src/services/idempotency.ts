import { createHash } from 'node:crypto';
import type { IdempotencyRecord } from '../store/idempotency.js';
import { ApiError } from './errors.js';

/** What a retry must repeat exactly: the validated request, hashed. */
export const requestHashOf = (input: unknown): string =>
  createHash('sha256').update(JSON.stringify(input)).digest('base64url');

/** Marks a write that lost its idempotency key to a concurrent twin; its transaction rolls back. */
export class KeyTaken extends Error {}

/** The resource a replayed request gets, once its body is known to be the same as the first one's. */
export function replayedResourceId(
  previous: Pick<IdempotencyRecord, 'requestHash' | 'resourceId'>,
  requestHash: string,
): string {
  if (previous.requestHash !== requestHash) {
    throw new ApiError(
      'idempotency_key_mismatch',
      'This Idempotency-Key was already used with a different request body',
    );
  }
  return previous.resourceId;
}

import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  claimIdempotencyKey,
  findIdempotencyRecord,
  type IdempotencyClaim,
  type IdempotencyKeyRef,
  type IdempotencyRecord,
} from '../store/idempotency.js';
import { ApiError } from './errors.js';

/** What a retry must repeat exactly: the validated request, hashed. */
export const requestHashOf = (input: unknown): string =>
  createHash('sha256').update(JSON.stringify(input)).digest('base64url');

/** Marks a write that lost its idempotency key to a concurrent twin; its transaction rolls back. */
export class KeyTaken extends Error {}

/**
 * The idempotency protocol of a create, in one place: a key used before answers with the resource it made,
 * once the request is known to be the same; a fresh key is claimed inside the write's own transaction, and
 * a write whose key a concurrent twin claimed first rolls back (`KeyTaken`) and answers with the twin's
 * resource. Without a key every call writes. A new idempotent write reads:
 *
 *     const once = new IdempotentWrite(knex, idempotencyScope(actor, 'things.create'), idempotencyKey, input);
 *     return once.run(
 *       (thingId) => this.answerOf(thingId), // a replay: the thing as it is now
 *       () => commitWithEvents(deps, key, async (trx, events) => { ...; await once.claim(trx, thing.id, now); ... }),
 *     );
 *
 * A caller that reads the earlier record in a query of its own (an order create, with its till) passes
 * `ref` to it and asks `replayOf`, then runs the write through `race`.
 */
export class IdempotentWrite {
  /** The key and its scope, for a caller that reads the earlier record in a query of its own; absent without a key. */
  readonly ref: IdempotencyKeyRef | undefined;
  private readonly requestHash: string;

  constructor(
    private readonly knex: Knex,
    scope: string,
    key: string | undefined,
    input: unknown,
  ) {
    this.ref = key ? { scope, key } : undefined;
    this.requestHash = key ? requestHashOf(input) : '';
  }

  /** Answers with `replay` if the key was used before, else with `write`, which claims the key through `claim`. */
  async run<T>(replay: (resourceId: string) => Promise<T>, write: () => Promise<T>): Promise<T> {
    const earlier = this.ref && (await findIdempotencyRecord(this.knex, this.ref.scope, this.ref.key));
    const resourceId = this.replayOf(earlier);
    return resourceId ? replay(resourceId) : this.race(replay, write);
  }

  /** The resource an earlier request with this key made, refused if that request was another; undefined if none. */
  replayOf(earlier: Pick<IdempotencyRecord, 'requestHash' | 'resourceId'> | undefined): string | undefined {
    if (!earlier) return undefined;
    if (earlier.requestHash !== this.requestHash) {
      throw new ApiError(
        'idempotency_key_mismatch',
        'This Idempotency-Key was already used with a different request body',
      );
    }
    return earlier.resourceId;
  }

  /** Runs `write`; if a twin claimed the key meanwhile (the write threw `KeyTaken`), answers with the twin's resource. */
  async race<T>(replay: (resourceId: string) => Promise<T>, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (!(err instanceof KeyTaken) || !this.ref) throw err;
      const winner = await findIdempotencyRecord(this.knex, this.ref.scope, this.ref.key);
      const resourceId = this.replayOf(winner);
      if (!resourceId) throw err;
      return replay(resourceId);
    }
  }

  /** The row that claims the key for `resourceId`, for a statement that claims it itself; absent without a key. */
  claimFor(resourceId: string): IdempotencyClaim | undefined {
    return this.ref && { ...this.ref, requestHash: this.requestHash, responseStatus: 201, resourceId };
  }

  /** Claims the key for `resourceId` in the write's transaction; throws `KeyTaken` if a twin holds it. */
  async claim(trx: Knex.Transaction, resourceId: string, now: Date): Promise<void> {
    const claim = this.claimFor(resourceId);
    if (claim && !(await claimIdempotencyKey(trx, claim, now))) throw new KeyTaken();
  }
}

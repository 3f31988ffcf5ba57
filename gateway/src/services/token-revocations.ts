import type { Knex } from 'knex';
import type { Clock } from '../domain/clock.js';
import { revocationsSince } from '../store/revocations.js';

/** How often each instance reads revocations made by the others: the delay the README documents. */
export const REVOCATION_REFRESH_MS = 2000;

/**
 * Which access tokens are no longer good: those of a revoked refresh family (a reused refresh token),
 * till tokens issued under a revoked store credential and those of a till deactivated since (an older
 * token generation). Access tokens are JWTs checked without the
 * database, and an order create must stay one round trip, so this is a per-process memory: the
 * instance that revokes notes it at once, and every instance reads what was revoked recently from the
 * database every REVOCATION_REFRESH_MS. Polling rather than the event bus because a missed bus
 * message would leave a revoked token working for good, while a missed poll is repaired by the next.
 * Only revocations younger than an access token's lifetime matter: older tokens have expired anyway.
 */
export class TokenRevocations {
  private readonly credentials = new Map<string, number>();
  private readonly tills = new Map<string, { generation: number; at: number }>();
  private readonly families = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly accessTtlSeconds: number,
  ) {}

  /** Whether a till token with these claims must be refused. */
  refuses(claims: { credentialKey: string; tillId: string; generation: number }): boolean {
    if (this.credentials.has(claims.credentialKey)) return true;
    const till = this.tills.get(claims.tillId);
    return till !== undefined && claims.generation < till.generation;
  }

  /** Whether an access token issued with this refresh family must be refused: the family was revoked. */
  refusesFamily(familyId: string): boolean {
    return this.families.has(familyId);
  }

  noteFamily(familyId: string, at: Date): void {
    this.families.set(familyId, at.getTime());
  }

  noteCredential(accessKey: string, at: Date): void {
    this.credentials.set(accessKey, at.getTime());
  }

  noteTill(tillId: string, generation: number, at: Date): void {
    const known = this.tills.get(tillId);
    if (!known || known.generation < generation) this.tills.set(tillId, { generation, at: at.getTime() });
  }

  /** Merges in what the database holds and forgets what no unexpired token can carry any more. */
  async refresh(db: Knex): Promise<void> {
    const horizon = this.clock.now().getTime() - (this.accessTtlSeconds + CLOCK_SKEW_SECONDS) * 1000;
    const recent = await revocationsSince(db, new Date(horizon));
    for (const c of recent.credentials) this.noteCredential(c.accessKey, c.revokedAt);
    for (const t of recent.tills) this.noteTill(t.tillId, t.generation, t.revokedAt);
    for (const f of recent.families) this.noteFamily(f.familyId, f.revokedAt);
    for (const [key, at] of this.credentials) if (at < horizon) this.credentials.delete(key);
    for (const [id, t] of this.tills) if (t.at < horizon) this.tills.delete(id);
    for (const [id, at] of this.families) if (at < horizon) this.families.delete(id);
  }
}

/** Instances' clocks differ a little; keep revocations a minute longer than a token can live. */
const CLOCK_SKEW_SECONDS = 60;

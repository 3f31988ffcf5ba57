import type { Knex } from 'knex';
import type { Clock } from '../../domain/clock.js';
import { liveSessions, revocationsSince } from '../../store/revocations.js';
import { secretTag } from '../security/secret-tag.js';
import type { TokenClaims } from './auth.js';
import type { HeldCredential } from './grant.js';
import { SESSION_IDLE_MS } from './panel-sessions.js';

/** How often each instance reads revocations made by the others: the delay the README documents. */
export const REVOCATION_REFRESH_MS = 2000;

/**
 * Which access tokens are no longer good: those of a revoked refresh family (a reused refresh token, a
 * rotated credential), till tokens issued under a revoked store credential and those of a till deactivated
 * since (an older token generation), and app tokens issued under an app secret regenerated since. Access tokens are JWTs checked without the database, and an order create must stay
 * one round trip, so this is a per-process memory: the instance that revokes notes it at once, and every
 * instance reads what was revoked recently from the database every REVOCATION_REFRESH_MS. Polling rather
 * than the event bus because a missed bus message would leave a revoked token working for good, while a
 * missed poll is repaired by the next. Only revocations younger than an access token's lifetime matter:
 * older tokens have expired anyway.
 *
 * It also knows which panel sessions behind open WebSockets have ended: sessions leave no trace when they
 * end (log-out, user removal, password reset delete the row), so the same poll asks which of the sessions
 * held by this instance's sockets still live.
 */
export class TokenRevocations {
  private readonly credentials = new Map<string, number>();
  private readonly tills = new Map<string, { generation: number; at: number }>();
  private readonly apps = new Map<string, { at: number; tag: string }>();
  private readonly families = new Map<string, number>();
  private readonly heldSessions = new Map<string, number>();
  private readonly endedSessions = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly accessTtlSeconds: number,
  ) {}

  /** Whether a token with these claims must be refused. */
  refuses(claims: TokenClaims): boolean {
    if (claims.kind === 'app') {
      const current = this.apps.get(claims.appName);
      if (!current) return false;
      const under = claims.issuedUnder;
      // Older than the current secret, or (a frozen test clock) as old but of another secret.
      return !under || under.at < current.at || (under.at === current.at && under.tag !== current.tag);
    }
    if (this.credentials.has(claims.credentialKey)) return true;
    const till = this.tills.get(claims.tillId);
    return till !== undefined && claims.generation < till.generation;
  }

  /** Whether the credential an open connection holds has ended (its token's expiry is the connection's to watch). */
  ends(held: HeldCredential): boolean {
    if (held.kind === 'token')
      return this.refuses(held.claims) || (held.family !== undefined && this.refusesFamily(held.family));
    if (held.kind === 'session') return this.endedSessions.has(held.tokenHash);
    return false;
  }

  /** A connection holds this credential until `release`: its session, if any, is checked at each refresh. */
  hold(held: HeldCredential): void {
    if (held.kind === 'session')
      this.heldSessions.set(held.tokenHash, (this.heldSessions.get(held.tokenHash) ?? 0) + 1);
  }

  release(held: HeldCredential): void {
    if (held.kind !== 'session') return;
    const left = (this.heldSessions.get(held.tokenHash) ?? 1) - 1;
    if (left > 0) return void this.heldSessions.set(held.tokenHash, left);
    this.heldSessions.delete(held.tokenHash);
    this.endedSessions.delete(held.tokenHash);
  }

  /** Called after each change, so open connections can be ended at once; answers the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether an access token issued with this refresh family must be refused: the family was revoked. */
  refusesFamily(familyId: string): boolean {
    return this.families.has(familyId);
  }

  noteFamily(familyId: string, at: Date): void {
    this.families.set(familyId, at.getTime());
    this.changed();
  }

  noteCredential(accessKey: string, at: Date): void {
    this.credentials.set(accessKey, at.getTime());
    this.changed();
  }

  noteTill(tillId: string, generation: number, at: Date): void {
    const known = this.tills.get(tillId);
    if (!known || known.generation < generation) this.tills.set(tillId, { generation, at: at.getTime() });
    this.changed();
  }

  /** The app's current secret (by the hash kept of it), issued at `at`: tokens of earlier secrets are refused. */
  noteApp(appName: string, secretHash: string, at: Date): void {
    const known = this.apps.get(appName);
    if (!known || known.at <= at.getTime()) this.apps.set(appName, { at: at.getTime(), tag: secretTag(secretHash) });
    this.changed();
  }

  noteSessionEnded(tokenHash: string): void {
    if (!this.heldSessions.has(tokenHash)) return;
    this.endedSessions.add(tokenHash);
    this.changed();
  }

  /** Merges in what the database holds and forgets what no unexpired token can carry any more. */
  async refresh(db: Knex): Promise<void> {
    const now = this.clock.now().getTime();
    const horizon = now - (this.accessTtlSeconds + CLOCK_SKEW_SECONDS) * 1000;
    const recent = await revocationsSince(db, new Date(horizon));
    for (const c of recent.credentials) this.credentials.set(c.accessKey, c.revokedAt.getTime());
    for (const t of recent.tills) {
      const known = this.tills.get(t.tillId);
      if (!known || known.generation < t.generation)
        this.tills.set(t.tillId, { generation: t.generation, at: t.revokedAt.getTime() });
    }
    for (const a of recent.apps) {
      const known = this.apps.get(a.appName);
      if (!known || known.at <= a.createdAt.getTime())
        this.apps.set(a.appName, { at: a.createdAt.getTime(), tag: secretTag(a.secretHash) });
    }
    for (const [key, at] of this.credentials) if (at < horizon) this.credentials.delete(key);
    for (const [id, t] of this.tills) if (t.at < horizon) this.tills.delete(id);
    for (const f of recent.families) this.families.set(f.familyId, f.revokedAt.getTime());
    for (const [name, a] of this.apps) if (a.at < horizon) this.apps.delete(name);
    for (const [id, at] of this.families) if (at < horizon) this.families.delete(id);
    const held = [...this.heldSessions.keys()];
    const live = await liveSessions(db, held, new Date(now - SESSION_IDLE_MS));
    for (const hash of held) if (!live.has(hash) && this.heldSessions.has(hash)) this.endedSessions.add(hash);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Instances' clocks differ a little; keep revocations a minute longer than a token can live. */
const CLOCK_SKEW_SECONDS = 60;

import type { AuditAction, AuditChange, AuditEvent, Environment, Page } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { type ChainBreak, findChainBreak, GENESIS_HASH } from '../../domain/audit-chain.js';
import {
  type AuditRecord,
  appendAuditEvent,
  auditChainHead,
  listAuditEvents,
  readAuditChain,
} from '../../store/audit-events.js';
import { authorize } from '../accounts/permissions.js';
import type { Actor, Principal } from '../accounts/principal.js';
import { decodeCursor } from '../cursor.js';
import type { ServiceDeps } from '../deps.js';
import { pageOf } from '../page.js';
import { currentRequestOrigin } from './request-origin.js';

export type AuditChanges = Record<string, AuditChange>;

/** What a use case says happened; who, when and from where are filled in here. */
export interface AuditEntry {
  merchantId: string;
  /** null for what is not of one environment: log-ins, team changes. */
  environment: Environment | null;
  /** The principal that acted; 'anonymous' for someone not signed in (a failed log-in). */
  actor: AuditedActor;
  action: AuditAction;
  target?: { type: string; id: string } | undefined;
  /** Changed fields, before and after; never a secret. */
  changes?: AuditChanges | undefined;
}

/** A principal, a user known only by id (just logged in), or someone not signed in. */
export type AuditedActor = Actor | { kind: 'user'; userId: string } | 'anonymous';

type AuditDeps = Pick<ServiceDeps, 'knex' | 'clock' | 'ids'>;

/**
 * Appends to the merchant's audit chain. Pass the transaction of the change it records, so the entry
 * commits with it or not at all; given the plain Knex, the append runs in a transaction of its own.
 */
export async function recordAudit(
  deps: AuditDeps,
  db: Knex | Knex.Transaction,
  entry: AuditEntry,
): Promise<AuditRecord> {
  const origin = currentRequestOrigin();
  const actor = actorFields(entry.actor);
  const draft = {
    id: deps.ids('aud'),
    merchantId: entry.merchantId,
    environment: entry.environment,
    ...actor,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    changes: entry.changes ?? {},
    ip: origin.ip,
    userAgent: origin.userAgent,
    createdAt: deps.clock.now(),
  };
  return db.isTransaction
    ? appendAuditEvent(db as Knex.Transaction, draft)
    : deps.knex.transaction((trx) => appendAuditEvent(trx, draft));
}

/** The fields that differ between two versions of a record, among `fields`, named as on the wire (snake_case). */
export function changedFields<T extends object>(before: T | null, after: T | null, fields: ReadonlyArray<keyof T>) {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const was = before ? (before[field] ?? null) : null;
    const is = after ? (after[field] ?? null) : null;
    if (JSON.stringify(was) !== JSON.stringify(is)) changes[wireName(String(field))] = { before: was, after: is };
  }
  return changes;
}

const wireName = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function actorFields(actor: AuditedActor): { actorKind: AuditEvent['actor']['kind']; actorId: string | null } {
  if (actor === 'anonymous') return { actorKind: 'anonymous', actorId: null };
  if (actor.kind === 'user') return { actorKind: 'user', actorId: actor.userId };
  if (actor.kind === 'app') return { actorKind: 'app', actorId: actor.appName };
  return { actorKind: 'till', actorId: actor.tillId };
}

export const auditEventView = (r: AuditRecord): AuditEvent => ({
  id: r.id,
  seq: r.seq,
  environment: r.environment as Environment | null,
  actor: { kind: r.actorKind as AuditEvent['actor']['kind'], id: r.actorId },
  action: r.action as AuditAction,
  target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId } : null,
  changes: r.changes as AuditChanges,
  origin: { ip: r.ip, user_agent: r.userAgent },
  prev_hash: r.prevHash,
  hash: r.hash,
  created_at: r.createdAt.toISOString(),
});

export interface AuditQuery {
  actor?: string | undefined;
  action?: AuditAction | undefined;
  environment?: Environment | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Reading the log: a panel admin sees the whole merchant (every environment and the merchant-wide entries);
 * an app, bound to one environment, sees that environment's entries only.
 */
export class AuditLog {
  constructor(private readonly deps: ServiceDeps) {}

  async list(principal: Principal, q: AuditQuery): Promise<Page<AuditEvent>> {
    const actor = authorize(principal, 'audit.read');
    const environment = actor.kind === 'app' ? actor.environment : q.environment;
    if (actor.kind === 'app' && q.environment && q.environment !== actor.environment)
      return { data: [], next_cursor: null };
    const rows = await listAuditEvents(
      this.deps.knex,
      { merchantId: actor.merchantId, environment, actorId: q.actor, action: q.action, from: q.from, to: q.to },
      q.limit + 1,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    return pageOf(rows, q.limit, auditEventView);
  }
}

const VERIFY_BATCH = 500;

/**
 * Re-reads a merchant's chain from its first entry and recomputes every hash: an edited entry, a deleted one
 * (a gap, or a tail shorter than the head row says) or a reordered one is reported at the first seq it breaks.
 */
export async function verifyAuditChain(
  db: Knex | Knex.Transaction,
  merchantId: string,
): Promise<{ ok: true; entries: number } | ({ ok: false } & ChainBreak)> {
  const head = await auditChainHead(db, merchantId);
  let before = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const batch = await readAuditChain(db, merchantId, before.seq, VERIFY_BATCH);
    const broken = findChainBreak(batch, before);
    if (broken) return { ok: false, ...broken };
    const last = batch.at(-1);
    if (!last) break;
    before = { seq: last.seq, hash: last.hash };
  }
  if (before.seq !== head.seq || before.hash !== head.hash) return { ok: false, seq: before.seq + 1, reason: 'head' };
  return { ok: true, entries: before.seq };
}

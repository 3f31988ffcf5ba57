import { createHash } from 'node:crypto';

/** The `prev_hash` of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every recorded field, its seq and the hash before it. */
export interface ChainedFields {
  merchantId: string;
  seq: number;
  prevHash: string;
  id: string;
  environment: string | null;
  actorKind: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/**
 * JSON with object keys sorted at every depth and no whitespace: the same value always gives the same
 * bytes, whatever order jsonb hands its keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of the entry's canonical form; the next entry carries it as its `prev_hash`. */
export function chainHash(e: ChainedFields): string {
  // Field by field, so a record that carries more (its own hash) hashes the same as the draft did.
  const covered = {
    merchantId: e.merchantId,
    seq: e.seq,
    prevHash: e.prevHash,
    id: e.id,
    environment: e.environment,
    actorKind: e.actorKind,
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    changes: e.changes,
    ip: e.ip,
    userAgent: e.userAgent,
    createdAt: e.createdAt.toISOString(),
  } satisfies Record<keyof ChainedFields, unknown>;
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** Where a chain read in seq order first breaks: a missing seq, a broken link, or an entry whose hash is not its own. */
export type ChainBreak = { seq: number; reason: 'gap' | 'link' | 'hash' | 'head' };

/** Checks consecutive entries, given the seq and hash of the entry before them. */
export function findChainBreak(
  entries: ReadonlyArray<ChainedFields & { hash: string }>,
  before: { seq: number; hash: string },
): ChainBreak | undefined {
  let prev = before;
  for (const e of entries) {
    if (e.seq !== prev.seq + 1) return { seq: prev.seq + 1, reason: 'gap' };
    if (e.prevHash !== prev.hash) return { seq: e.seq, reason: 'link' };
    if (chainHash(e) !== e.hash) return { seq: e.seq, reason: 'hash' };
    prev = { seq: e.seq, hash: e.hash };
  }
  return undefined;
}

import { describe, expect, it } from 'vitest';
import { type ChainedFields, canonicalJson, chainHash, findChainBreak, GENESIS_HASH } from './audit-chain.js';

const entry = (seq: number, prevHash: string): ChainedFields & { hash: string } => {
  const fields: ChainedFields = {
    merchantId: 'mer_A',
    seq,
    prevHash,
    id: `aud_${seq}`,
    environment: 'test',
    actorKind: 'user',
    actorId: 'usr_1',
    action: 'refund.created',
    targetType: 'refund',
    targetId: `rfd_${seq}`,
    changes: { amount: { before: null, after: 500 } },
    ip: '127.0.0.1',
    userAgent: 'x',
    createdAt: new Date('2026-06-01T12:00:00Z'),
  };
  return { ...fields, hash: chainHash(fields) };
};

function chain(n: number) {
  const out: Array<ChainedFields & { hash: string }> = [];
  for (let seq = 1; seq <= n; seq++) out.push(entry(seq, out.at(-1)?.hash ?? GENESIS_HASH));
  return out;
}

describe('the audit hash chain', () => {
  it('serialises with sorted keys at every depth, whatever order jsonb returns', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: null }], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[1,{"x":null,"y":2}]},"b":1}',
    );
    expect(chainHash(entry(1, GENESIS_HASH))).toBe(entry(1, GENESIS_HASH).hash);
  });

  it('accepts an intact chain and names the first seq an edit, a deletion or a relink breaks', () => {
    const start = { seq: 0, hash: GENESIS_HASH };
    const intact = chain(5);
    expect(findChainBreak(intact, start)).toBeUndefined();
    const edited = intact.map((e) => (e.seq === 3 ? { ...e, changes: { amount: { before: null, after: 1 } } } : e));
    expect(findChainBreak(edited, start)).toEqual({ seq: 3, reason: 'hash' });
    expect(
      findChainBreak(
        intact.filter((e) => e.seq !== 2),
        start,
      ),
    ).toEqual({ seq: 2, reason: 'gap' });
    const relinked = intact.map((e) => (e.seq === 4 ? { ...e, prevHash: GENESIS_HASH } : e));
    expect(findChainBreak(relinked, start)).toEqual({ seq: 4, reason: 'link' });
  });
});

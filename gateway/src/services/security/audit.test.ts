import { describe, expect, it } from 'vitest';
import { changedFields } from './audit.js';

describe('changedFields', () => {
  const before = { role: 'clerk', storeIds: ['sto_A'] as string[] | null, name: 'Joana' };

  it('names only the fields that differ, in wire case, with both values', () => {
    expect(changedFields(before, { ...before, role: 'manager', storeIds: null }, ['role', 'storeIds', 'name'])).toEqual(
      {
        role: { before: 'clerk', after: 'manager' },
        store_ids: { before: ['sto_A'], after: null },
      },
    );
  });

  it('treats a missing side as null, for creations and removals', () => {
    expect(changedFields(null, before, ['role'])).toEqual({ role: { before: null, after: 'clerk' } });
    expect(changedFields(before, null, ['role'])).toEqual({ role: { before: 'clerk', after: null } });
    expect(changedFields(before, { ...before }, ['role', 'storeIds'])).toEqual({});
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { ACTIONS, type Action, authorize, can } from './permissions.js';
import { type Actor, canSee, type Owned, type Principal, seesStore } from './principal.js';

/** The rows of the panel README's role table, in its words, and the actions each stands for. */
const ROW_ACTIONS: Record<string, readonly Action[]> = {
  'read orders, board, events': ['orders.read'],
  'create and cancel orders': ['orders.create', 'orders.cancel'],
  refund: ['refunds.create'],
  'stores, tills': ['stores.manage', 'tills.manage'],
  'store credentials, provider accounts, webhooks': ['credentials.manage', 'providers.manage', 'webhooks.manage'],
  reports: ['reports.read', 'reports.generate'],
  'payment links': ['payment_links.manage'],
  'team, app credentials': ['team.manage', 'apps.manage'],
  'onboarding: terms, company documents (upload)': ['account.manage'],
  'audit log': ['audit.read'],
};

const M = 'mer_A';
const STORE_A = 'sto_A';
const STORE_B = 'sto_B';
const COLUMNS: Record<string, Actor> = {
  clerk: { kind: 'user', merchantId: M, environment: 'test', userId: 'usr_c', role: 'clerk', storeIds: null },
  manager: { kind: 'user', merchantId: M, environment: 'test', userId: 'usr_m', role: 'manager', storeIds: null },
  admin: { kind: 'user', merchantId: M, environment: 'test', userId: 'usr_a', role: 'admin', storeIds: null },
  'app token': { kind: 'app', merchantId: M, environment: 'test', appName: 'erp' },
  'till token': { kind: 'till', merchantId: M, environment: 'test', tillId: 'till_A1', storeId: STORE_A },
};

function readRoleTable(): { header: string[]; rows: Array<{ label: string; cells: string[] }> } {
  const readme = readFileSync(new URL('../../web/README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Roles'));
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const split = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const [header, , ...body] = lines.map(split);
  return {
    header: (header ?? []).slice(1),
    rows: body.map(([label, ...cells]) => ({ label: label ?? '', cells })),
  };
}

describe("the README's role table is what permissions.ts enforces", () => {
  const table = readRoleTable();

  it('has a column per kind of caller and a row for every action, each action once', () => {
    expect(table.header).toEqual(Object.keys(COLUMNS));
    expect(table.rows.map((r) => r.label)).toEqual(Object.keys(ROW_ACTIONS));
    expect(Object.values(ROW_ACTIONS).flat().sort()).toEqual([...ACTIONS].sort());
  });

  const cases = table.rows.flatMap(({ label, cells }) =>
    (ROW_ACTIONS[label] ?? []).flatMap((action) =>
      table.header.map((column, i) => ({ action, column, cell: cells[i] ?? '' })),
    ),
  );
  it.each(cases)('$column → $action: $cell', ({ action, column, cell }) => {
    expect(['✓', '–', 'own till']).toContain(cell);
    const actor = COLUMNS[column] as Actor;
    const allowed = cell !== '–';
    expect(can(actor, action)).toBe(allowed);
    if (allowed) expect(authorize(actor, action)).toBe(actor);
    else expect(() => authorize(actor, action)).toThrow(ApiError);
  });

  it('refuses every action to a client secret', () => {
    const order: Principal = { kind: 'order', orderId: 'ord_1' };
    for (const action of ACTIONS) expect(() => authorize(order, action)).toThrow(/client secret/);
  });
});

describe('store scope', () => {
  const order = (over: Partial<Owned> = {}): Owned => ({
    merchantId: M,
    environment: 'test',
    storeId: STORE_A,
    tillId: 'till_A1',
    id: 'ord_1',
    ...over,
  });
  const scoped = (role: 'clerk' | 'manager' | 'admin'): Actor => ({
    kind: 'user',
    merchantId: M,
    environment: 'test',
    userId: 'usr_s',
    role,
    storeIds: [STORE_A],
  });

  it.each(['clerk', 'manager', 'admin'] as const)('a %s limited to store A sees A and its orders only', (role) => {
    const user = scoped(role);
    expect([seesStore(user, STORE_A), seesStore(user, STORE_B)]).toEqual([true, false]);
    expect(canSee(user, order())).toBe(true);
    expect(canSee(user, order({ storeId: STORE_B, tillId: 'till_B1' }))).toBe(false);
  });

  it.each(['clerk', 'manager', 'admin', 'app token'])('a %s of every store sees every store', (column) => {
    const actor = COLUMNS[column] as Actor;
    expect([seesStore(actor, STORE_A), seesStore(actor, STORE_B)]).toEqual([true, true]);
    expect(canSee(actor, order({ storeId: STORE_B, tillId: 'till_B1' }))).toBe(true);
  });

  it("a till sees its own store and only its own till's orders", () => {
    const till = COLUMNS['till token'] as Actor;
    expect([seesStore(till, STORE_A), seesStore(till, STORE_B)]).toEqual([true, false]);
    expect(canSee(till, order())).toBe(true);
    expect(canSee(till, order({ tillId: 'till_A2' }))).toBe(false);
  });

  it.each(Object.keys(COLUMNS))("a %s never sees another merchant's or environment's order", (column) => {
    const actor = COLUMNS[column] as Actor;
    expect(canSee(actor, order({ merchantId: 'mer_B' }))).toBe(false);
    expect(canSee(actor, order({ environment: 'live' }))).toBe(false);
  });

  it('a client secret sees its own order only', () => {
    const secret: Principal = { kind: 'order', orderId: 'ord_1' };
    expect([canSee(secret, order()), canSee(secret, order({ id: 'ord_2' }))]).toEqual([true, false]);
  });
});

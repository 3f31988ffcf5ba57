import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { ACTIONS, type Action, authorize, can } from './permissions.js';
import { type Actor, canSee, canWatch, type Owned, type Principal, seesStore, type Watched } from './principal.js';

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
  'switch the panel between test and live': ['environment.switch'],
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
  const readme = readFileSync(new URL('../../../web/README.md', import.meta.url), 'utf8');
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

describe('who may watch what live (the same callers, over WebSocket topics)', () => {
  const order = (id: string, storeId: string, tillId: string, over: Partial<Owned> = {}): Watched => ({
    kind: 'order',
    merchantId: M,
    environment: 'test',
    storeId,
    tillId,
    id,
    ...over,
  });
  const TOPICS: Record<string, Watched> = {
    merchant: { kind: 'merchant' },
    'store A': { kind: 'store', merchantId: M, storeId: STORE_A },
    'store B': { kind: 'store', merchantId: M, storeId: STORE_B },
    'till A1': { kind: 'till', merchantId: M, storeId: STORE_A, tillId: 'till_A1' },
    'till A2': { kind: 'till', merchantId: M, storeId: STORE_A, tillId: 'till_A2' },
    'order ord_1 at till A1': order('ord_1', STORE_A, 'till_A1'),
    'order ord_2 at till B1': order('ord_2', STORE_B, 'till_B1'),
    "another merchant's store": { kind: 'store', merchantId: 'mer_B', storeId: STORE_A },
    "another merchant's till": { kind: 'till', merchantId: 'mer_B', storeId: STORE_A, tillId: 'till_A1' },
    'a live order of store A': order('ord_3', STORE_A, 'till_A1', { environment: 'live' }),
  };
  const CALLERS: Record<string, Principal> = {
    ...COLUMNS,
    'clerk of store A': {
      kind: 'user',
      merchantId: M,
      environment: 'test',
      userId: 'usr_s',
      role: 'clerk',
      storeIds: [STORE_A],
    },
    'client secret of ord_1': { kind: 'order', orderId: 'ord_1' },
  };
  // Columns: clerk, manager, admin, app token, till token (till A1), clerk of store A, client secret of ord_1.
  const TABLE: Record<string, string> = {
    merchant: '✓ ✓ ✓ ✓ – – –',
    'store A': '✓ ✓ ✓ ✓ – ✓ –',
    'store B': '✓ ✓ ✓ ✓ – – –',
    'till A1': '✓ ✓ ✓ ✓ ✓ ✓ –',
    'till A2': '✓ ✓ ✓ ✓ – ✓ –',
    'order ord_1 at till A1': '✓ ✓ ✓ ✓ ✓ ✓ ✓',
    'order ord_2 at till B1': '✓ ✓ ✓ ✓ – – –',
    "another merchant's store": '– – – – – – –',
    "another merchant's till": '– – – – – – –',
    'a live order of store A': '– – – – – – –',
  };
  const cases = Object.entries(TABLE).flatMap(([topic, row]) =>
    row.split(' ').map((cell, i) => ({ topic, caller: Object.keys(CALLERS)[i] as string, cell })),
  );

  it('has a row per topic and a cell per caller', () => {
    expect(Object.keys(TABLE)).toEqual(Object.keys(TOPICS));
    for (const row of Object.values(TABLE)) expect(row.split(' ')).toHaveLength(Object.keys(CALLERS).length);
  });

  it.each(cases)('$caller → $topic: $cell', ({ topic, caller, cell }) => {
    expect(canWatch(CALLERS[caller] as Principal, TOPICS[topic] as Watched)).toBe(cell === '✓');
  });
});

import { describe, expect, it } from 'vitest';
import { TillgateNotFoundError, TillgatePermissionError } from '../errors.js';
import { Tillgate } from '../index.js';
import { problem, type Scripted, scriptedFetch, tokenPair } from '../test-support/scripted-fetch.js';

const store = { id: 'sto_1', name: 'Loja 1', cnpj: null, address: null, phone: null, active: true, created_at: 'T' };
const till = (n: number) => ({
  id: `till_${n}`,
  store_id: 'sto_1',
  client_id: `caixa-${n}`,
  name: `Caixa ${n}`,
  category: 'physical',
  active: true,
  created_at: 'T',
});

function app(script: Record<string, Scripted[]>) {
  const fake = scriptedFetch({ 'POST /v1/auth/app': [tokenPair(1)], ...script });
  const tillgate = new Tillgate({
    baseUrl: 'http://gateway.test',
    auth: { appName: 'erp', appSecret: 'as' },
    fetch: fake.fetch,
    maxRetries: 1,
  });
  return { tillgate, ...fake };
}

describe('managing stores and tills with app credentials', () => {
  it('opens a store, issues its till credentials and adds a till, each sent once', async () => {
    const { tillgate, of } = app({
      'POST /v1/stores': [{ status: 201, body: store }],
      'POST /v1/stores/sto_1/credentials': [
        { status: 201, body: { access_key: 'ak', secret_key: 'sk', environment: 'test', created_at: 'T' } },
      ],
      'POST /v1/tills': [{ status: 201, body: till(1) }],
    });
    const opened = await tillgate.stores.create({ name: 'Loja 1' });
    const keys = await tillgate.storeCredentials.rotate(opened.id);
    const added = await tillgate.tills.create({ store_id: opened.id, name: 'Caixa 1', category: 'physical' });
    expect(keys.secret_key).toBe('sk');
    expect(added.client_id).toBe('caixa-1');
    expect(of('POST', '/v1/stores')[0]?.body).toEqual({ name: 'Loja 1' });
    expect(of('POST', '/v1/tills')[0]?.body).toEqual({ store_id: 'sto_1', name: 'Caixa 1', category: 'physical' });
    expect(of('POST', '/v1/stores')[0]?.headers.get('authorization')).toBe('Bearer at_1');
  });

  it('does not repeat a store creation the gateway may have done (a create is not deduplicated)', async () => {
    const { tillgate, of } = app({ 'POST /v1/stores': [{ networkError: 'reset' }, { status: 201, body: store }] });
    await expect(tillgate.stores.create({ name: 'Loja 1' })).rejects.toThrow();
    expect(of('POST', '/v1/stores')).toHaveLength(1);
  });

  it('lists tills of a store across pages, with the filters in the query', async () => {
    const { tillgate, of } = app({
      'GET /v1/tills': [
        { status: 200, body: { data: [till(2)], next_cursor: 'c2' } },
        { status: 200, body: { data: [till(1)], next_cursor: null } },
      ],
    });
    const tills = await tillgate.tills.list({ store_id: 'sto_1', include_inactive: true }).toArray();
    expect(tills.map((t) => t.id)).toEqual(['till_2', 'till_1']);
    const queries = of('GET', '/v1/tills').map((r) => Object.fromEntries(r.url.searchParams));
    expect(queries).toEqual([
      { store_id: 'sto_1', include_inactive: 'true' },
      { store_id: 'sto_1', include_inactive: 'true', cursor: 'c2' },
    ]);
  });

  it('lists stores page by page', async () => {
    const { tillgate } = app({ 'GET /v1/stores': [{ status: 200, body: { data: [store], next_cursor: null } }] });
    expect(await tillgate.stores.list().toArray()).toEqual([store]);
  });

  it('a till token is refused the management calls as a permission error', async () => {
    const { tillgate } = app({ 'GET /v1/stores': [problem('forbidden', 403)] });
    await expect(tillgate.stores.list().toArray()).rejects.toBeInstanceOf(TillgatePermissionError);
  });
});

describe('provider accounts', () => {
  const account = { id: 'pac_1', kind: 'wallet', provider: 'sandbox', name: 'S', wallets: ['pix'], associations: [] };

  it('lists the accounts and associates a wallet to a store, retrying since a repeat answers the same one', async () => {
    const association = { id: '7', wallet: 'pix', store_id: 'sto_1' };
    const { tillgate, of } = app({
      'GET /v1/provider-accounts': [{ status: 200, body: { data: [account] } }],
      'POST /v1/provider-accounts/pac_1/associations': [{ networkError: 'reset' }, { status: 201, body: association }],
    });
    const [first] = await tillgate.providerAccounts.list();
    expect(first?.id).toBe('pac_1');
    expect(await tillgate.providerAccounts.associate('pac_1', { wallet: 'pix', store_id: 'sto_1' })).toEqual(
      association,
    );
    expect(of('POST', '/v1/provider-accounts/pac_1/associations').map((r) => r.body)).toEqual([
      { wallet: 'pix', store_id: 'sto_1' },
      { wallet: 'pix', store_id: 'sto_1' },
    ]);
  });

  it('an unknown account or till is a not-found problem error', async () => {
    const { tillgate } = app({
      'POST /v1/provider-accounts/pac_1/associations': [problem('not_found', 404)],
    });
    await expect(
      tillgate.providerAccounts.associate('pac_1', { wallet: 'pix', till_id: 'till_1' }),
    ).rejects.toBeInstanceOf(TillgateNotFoundError);
  });
});

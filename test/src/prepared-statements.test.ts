import type { Order } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

const postgres = (await backends()).find((b) => b.name === 'postgres');

describe.skipIf(!postgres || postgres.unavailable)('prepared statements across a migration (PostgreSQL)', () => {
  let t!: TestGateway;
  let token!: string;
  if (postgres) suiteGateway(postgres, {}, (suite) => ({ t, token } = suite));

  const createAndPay = async () => {
    const created = await t.api.createOrder(token, { order_ref: ref(), wallet: 'mercadopago', amount: 1990 });
    expect(created.status).toBe(201);
    const order = created.body as Order;
    const paid = await t.api.call<Order>('POST', `/v1/sandbox/orders/${order.id}/pay`, { token, body: {} });
    return { order, paid };
  };

  it('keeps creating and paying on the connections that prepared them after a column is added to orders', async () => {
    // Each pooled connection prepares the hot statements on first use; a few rounds reach the generic plans.
    for (let i = 0; i < 8; i++) expect((await createAndPay()).paid.body).toMatchObject({ status: 'approved' });
    // What a newer instance's migration does during a rolling upgrade, while this one keeps serving.
    await t.gateway.deps.knex.raw('ALTER TABLE orders ADD COLUMN added_by_a_later_release text');
    await t.gateway.deps.knex.raw('ALTER TABLE events ADD COLUMN added_by_a_later_release text');
    for (let i = 0; i < 8; i++) {
      const { order, paid } = await createAndPay();
      expect(paid.status).toBe(200);
      expect(paid.body).toMatchObject({ id: order.id, status: 'approved', amount: 1990 });
    }
  });
});

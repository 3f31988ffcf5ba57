import { type ManualClock, startGateway } from '@tillgate/gateway';
import type { Order, Problem } from '@tillgate/sdk/protocol';
import type { PixEmulator } from '@tillgate/simulator/emulators/pix';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ApiClient, ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import type { TestGateway } from './support/gateway.js';
import { suitePixGateway } from './support/providers.js';

/**
 * Issue 11, finding 6: an order create validates everything before it calls the provider, and a charge the
 * provider made for an order that could not be stored is cancelled there. Finding 11: a revoked refresh
 * family's access tokens are refused on every instance.
 */
for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`order create against the Pix emulator on ${backend.name}`, () => {
    let storage!: Storage, t!: TestGateway, token!: string, emulator!: PixEmulator;
    suitePixGateway(backend, (suite) => {
      ({ storage, t, token, emulator } = suite);
    });

    const cobs = () =>
      (['ATIVA', 'CONCLUIDA', 'REMOVIDA_PELO_USUARIO_RECEBEDOR'] as const).map(
        (s) => emulator.ledger.cobsByStatus(s).length,
      );
    const create = (order_ref: string) =>
      t.api.call<Order>('POST', '/v1/orders', { token, body: { order_ref, wallet: 'pix', amount: 1990 } });

    it('refuses a lone surrogate in order_ref before any charge is made', async () => {
      const before = cobs();
      const r = await create('REF-\ud800');
      expect([r.status, (r.body as unknown as Problem).code]).toEqual([422, 'validation_failed']);
      expect(cobs()).toEqual(before);
    });

    it('cancels the charge at the PSP when the order cannot be stored after it', async () => {
      const refused = ref('STORE-FAILS');
      // A failure the test can trigger at the very write that follows the provider's call.
      await t.gateway.db.knex.raw(
        `ALTER TABLE orders ADD CONSTRAINT test_refuses_ref CHECK (order_ref <> '${refused}')`,
      );
      try {
        const removedBefore = emulator.ledger.cobsByStatus('REMOVIDA_PELO_USUARIO_RECEBEDOR').length;
        const r = await create(refused);
        expect([r.status, (r.body as unknown as Problem).code]).toEqual([500, 'internal_error']);
        // The removal runs off the caller's path; a busy machine may take a few seconds.
        await expect
          .poll(() => emulator.ledger.cobsByStatus('REMOVIDA_PELO_USUARIO_RECEBEDOR').length, { timeout: 5000 })
          .toBe(removedBefore + 1);
      } finally {
        await t.gateway.db.knex.raw('ALTER TABLE orders DROP CONSTRAINT test_refuses_ref');
      }
      expect((await create(ref('AFTER'))).status).toBe(201);
    });

    it.skipIf(backend.name !== 'postgres')(
      "refuses a revoked refresh family's access token on another instance within 2 s",
      async () => {
        const other = await startGateway({
          databaseUrl: storage.databaseUrl,
          port: 0,
          log: pino({ level: 'silent' }),
          clock: t.clock as ManualClock,
        });
        try {
          const there = new ApiClient(other.url, t.demo);
          const till = t.demo.tills[0];
          const login = await t.api.call<{ access_token: string; refresh_token: string }>('POST', '/v1/auth/till', {
            body: { access_key: t.demo.access_key, secret_key: t.demo.secret_key, client_id: till?.client_id },
          });
          const { access_token, refresh_token } = login.body;
          expect((await there.call('GET', '/v1/orders?limit=1', { token: access_token })).status).toBe(200);
          expect((await t.api.call('POST', '/v1/auth/refresh', { token: refresh_token })).status).toBe(200);
          expect((await t.api.call('POST', '/v1/auth/refresh', { token: refresh_token })).status).toBe(401);
          const started = Date.now();
          await expect
            .poll(async () => (await there.call('GET', '/v1/orders?limit=1', { token: access_token })).status, {
              timeout: 5000,
              interval: 100,
            })
            .toBe(401);
          // One revocation poll (2 s) plus the request, with room for a busy machine.
          expect(Date.now() - started).toBeLessThan(3500);
        } finally {
          await other.close();
        }
      },
    );
  });
}

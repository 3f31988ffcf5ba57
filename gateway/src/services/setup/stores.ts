import type { Store } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { insertStore } from '../../store/merchants.js';
import { findStore, listStores, type StorePatch, type StoreRecord, updateStore } from '../../store/stores.js';
import { authorize } from '../accounts/permissions.js';
import { type Actor, type Principal, requireActor, seesStore } from '../accounts/principal.js';
import { decodeCursor } from '../cursor.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { pageOf } from '../page.js';

export const storeView = (s: StoreRecord): Store => ({
  id: s.id,
  name: s.name,
  cnpj: s.cnpj,
  address: s.address,
  phone: s.phone,
  active: s.active,
  manager_email: s.managerEmail,
  order_ref_required: s.orderRefRequired,
  created_at: s.createdAt.toISOString(),
});

export type MerchantActor = Exclude<Actor, { kind: 'till' }>;

/** Stores and tills are the merchant's set-up: a till token works orders, it does not read the set-up. */
export function requireMerchantSide(p: Principal): MerchantActor {
  const actor = requireActor(p);
  if (actor.kind === 'till') throw new ApiError('forbidden', 'A till token cannot read the merchant set-up');
  return actor;
}

/** The store if this caller sees it; another merchant's store, or one outside a user's scope, reads as missing. */
export async function visibleStore(db: Knex | Knex.Transaction, actor: Actor, id: string): Promise<StoreRecord> {
  const store = await findStore(db, id);
  if (!store || store.merchantId !== actor.merchantId || !seesStore(actor, store.id)) throw notFound('Store', id);
  return store;
}

export class StoreService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(
    principal: Principal,
    q: { includeInactive: boolean; limit: number; cursor?: string | undefined },
  ): Promise<{ data: Store[]; next_cursor: string | null }> {
    const actor = requireMerchantSide(principal);
    const storeIds = actor.kind === 'user' ? (actor.storeIds ?? undefined) : undefined;
    const rows = await listStores(
      this.deps.knex,
      { merchantId: actor.merchantId, storeIds, includeInactive: q.includeInactive },
      q.limit + 1,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    return pageOf(rows, q.limit, storeView);
  }

  async get(principal: Principal, id: string): Promise<Store> {
    return storeView(await visibleStore(this.deps.knex, requireMerchantSide(principal), id));
  }

  async create(
    principal: Principal,
    input: { name: string; cnpj?: string | undefined; address?: string | undefined; phone?: string | undefined },
  ): Promise<Store> {
    const actor = authorize(principal, 'stores.manage');
    // A user limited to some stores would not see a new one: only a user of every store opens stores.
    if (actor.kind === 'user' && actor.storeIds !== null)
      throw new ApiError('forbidden', 'A user limited to some stores cannot open new ones');
    const store: StoreRecord = {
      id: this.deps.ids('sto'),
      merchantId: actor.merchantId,
      name: input.name,
      cnpj: input.cnpj ?? null,
      address: input.address ?? null,
      phone: input.phone ?? null,
      active: true,
      managerEmail: null,
      orderRefRequired: false,
      createdAt: this.deps.clock.now(),
    };
    await insertStore(this.deps.knex, store);
    return storeView(store);
  }

  async update(principal: Principal, id: string, patch: StorePatch): Promise<Store> {
    const actor = authorize(principal, 'stores.manage');
    return this.deps.knex.transaction(async (trx) => {
      const store = await visibleStore(trx, actor, id);
      return storeView(Object.keys(patch).length ? await updateStore(trx, id, patch) : store);
    });
  }
}

import { randomInt } from 'node:crypto';
import type { TillQrMode, Till as TillView, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { revokeRefreshTokensOf } from '../../store/credentials.js';
import { insertTill } from '../../store/merchants.js';
import { findStore } from '../../store/stores.js';
import { clientIdTaken, findTill, listTills, type Till, type TillPatch, updateTill } from '../../store/tills.js';
import { authorize } from '../accounts/permissions.js';
import { type Actor, type Principal, seesStore } from '../accounts/principal.js';
import type { TokenRevocations } from '../accounts/token-revocations.js';
import { decodeCursor } from '../cursor.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { PrintedQrs } from '../orders/printed-qrs.js';
import { pageOf } from '../page.js';
import { changedFields, recordAudit } from '../security/audit.js';
import { requireMerchantSide, visibleStore } from './stores.js';

export const tillView = (t: Till): TillView => ({
  id: t.id,
  store_id: t.storeId,
  client_id: t.clientId,
  name: t.name,
  category: t.category,
  active: t.active,
  qr_mode: t.qrMode,
  created_at: t.createdAt.toISOString(),
});

/** The till if this caller sees its store; otherwise it reads as missing. */
export async function visibleTill(db: Knex | Knex.Transaction, actor: Actor, id: string): Promise<Till> {
  const till = await findTill(db, id);
  if (!till || till.merchantId !== actor.merchantId || !seesStore(actor, till.storeId)) throw notFound('Till', id);
  return till;
}

/** A till's fields as the API patches them. */
export type TillPatchInput = Partial<Pick<Till, 'name' | 'category' | 'active'>> & { qr_mode?: TillQrMode | undefined };

const CLIENT_ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const newClientId = (): string =>
  `caixa-${Array.from({ length: 6 }, () => CLIENT_ID_ALPHABET[randomInt(CLIENT_ID_ALPHABET.length)]).join('')}`;

export class TillService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly revocations: TokenRevocations,
    private readonly printedQrs: PrintedQrs,
  ) {}

  async list(
    principal: Principal,
    q: { storeId?: string | undefined; includeInactive: boolean; limit: number; cursor?: string | undefined },
  ): Promise<{ data: TillView[]; next_cursor: string | null }> {
    const actor = requireMerchantSide(principal);
    if (q.storeId) await visibleStore(this.deps.knex, actor, q.storeId);
    const rows = await listTills(
      this.deps.knex,
      {
        merchantId: actor.merchantId,
        storeId: q.storeId,
        storeIds: actor.kind === 'user' ? (actor.storeIds ?? undefined) : undefined,
        includeInactive: q.includeInactive,
      },
      q.limit + 1,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    return pageOf(rows, q.limit, tillView);
  }

  async create(
    principal: Principal,
    input: { store_id: string; name: string; category: Till['category'] },
  ): Promise<TillView> {
    const actor = authorize(principal, 'tills.manage');
    return this.deps.knex.transaction(async (trx) => {
      const store = await visibleStore(trx, actor, input.store_id);
      if (!store.active)
        throw new ApiError('validation_failed', 'The store is inactive', [
          { field: 'store_id', message: 'is an inactive store' },
        ]);
      let clientId = newClientId();
      // 31^6 names: a clash is rare, and the unique index still guards a race between two creates.
      while (await clientIdTaken(trx, clientId)) clientId = newClientId();
      const till: Till = {
        id: this.deps.ids('till'),
        merchantId: actor.merchantId,
        storeId: store.id,
        clientId,
        name: input.name,
        category: input.category,
        active: true,
        qrMode: 'dynamic',
        tokenGeneration: 0,
        createdAt: this.deps.clock.now(),
      };
      await insertTill(trx, till);
      return tillView(till);
    });
  }

  /** The till's printed QR for a wallet, whatever its mode now: a sticker may be printed before switching. */
  async printedQr(
    principal: Principal,
    id: string,
    wallet: Wallet,
  ): Promise<{ qr: { mode: TillQrMode; wallet: Wallet; qr_code_text: string }; till: Till; storeName: string }> {
    const actor = authorize(principal, 'tills.manage');
    const till = await visibleTill(this.deps.knex, actor, id);
    const printed = await this.printedQrs.code(till, actor.environment, wallet);
    const store = await findStore(this.deps.knex, till.storeId);
    return {
      qr: { mode: till.qrMode, wallet, qr_code_text: printed.qrCodeText },
      till,
      storeName: store?.name ?? '',
    };
  }

  /**
   * Renames, recategorises, (re)activates, sets the QR mode; a deactivated till's tokens are refused from
   * then on, and a till back to dynamic unlinks its printed QRs.
   */
  async update(principal: Principal, id: string, input: TillPatchInput): Promise<TillView> {
    const actor = authorize(principal, 'tills.manage');
    const now = this.deps.clock.now();
    const { qr_mode: qrMode, ...rest } = input;
    const patch: TillPatch = { ...rest, ...(qrMode === undefined ? {} : { qrMode }) };
    const updated = await this.deps.knex.transaction(async (trx) => {
      const till = await visibleTill(trx, actor, id);
      if (Object.keys(patch).length === 0) return till;
      if (qrMode !== undefined) await this.printedQrs.checkMode(trx, till, actor.environment, qrMode);
      const after = await updateTill(trx, till, patch, now);
      if (after.tokenGeneration > till.tokenGeneration) await revokeRefreshTokensOf(trx, 'tillId', id, now);
      await recordAudit(this.deps, trx, {
        merchantId: actor.merchantId,
        environment: null,
        actor,
        action: 'till.updated',
        target: { type: 'till', id },
        changes: changedFields(till, after, ['name', 'category', 'active', 'qrMode']),
      });
      return after;
    });
    if (updated.tokenGeneration > 0) this.revocations.noteTill(id, updated.tokenGeneration, now);
    if (qrMode === 'dynamic') await this.printedQrs.unlinkAll(id);
    return tillView(updated);
  }
}

import type { Environment, TillQrMode, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import type { Charge, FixedQrLink, ProviderAccount } from '../adapters/types.js';
import { findStore } from '../store/stores.js';
import {
  findTillFixedQr,
  keepTillFixedQr,
  linkedTillFixedQrs,
  setTillFixedQrLink,
  type TillFixedQr,
} from '../store/till-fixed-qrs.js';
import type { Till } from '../store/tills.js';
import { findProviderAccount, tillWallets } from '../store/wallets.js';
import type { ServiceDeps } from './deps.js';
import { ApiError } from './errors.js';
import { providerProblem } from './provider-calls.js';

/**
 * Tills without a customer screen: one QR printed per till and provider account (a Pix fixed location),
 * made once at the provider and linked to the till's current order. Links of one till run one at a
 * time in this process, so the printed QR never charges two orders; `static` and `hybrid` differ only
 * in what the order shows (the adapter's business).
 */
export class PrintedQrs {
  /** The tail of each till's chain of link operations. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: ServiceDeps) {}

  /**
   * A static or hybrid till needs a wallet whose provider prints a fixed QR; the till's other wallets
   * keep their own codes (a sandbox or a wallet without a static mode), and their printed QR is refused.
   */
  async checkMode(db: Knex | Knex.Transaction, till: Till, environment: Environment, mode: TillQrMode): Promise<void> {
    if (mode === 'dynamic') return;
    const wallets = await tillWallets(db, till.id, environment, till.merchantId);
    if (wallets.some(({ account }) => this.canPrint(account))) return;
    const why =
      wallets.length === 0
        ? 'the till offers no wallet yet'
        : `no provider of its wallets (${wallets.map((w) => w.wallet).join(', ')}) prints a fixed QR`;
    throw new ApiError('qr_mode_unsupported', `Till ${till.id} cannot be ${mode}: ${why}`, [
      { field: 'qr_mode', message: why },
    ]);
  }

  /** The till's printed code for a wallet, made at the provider the first time it is asked for. */
  async code(till: Till, environment: Environment, wallet: Wallet): Promise<TillFixedQr> {
    const offered = (await tillWallets(this.deps.knex, till.id, environment, till.merchantId)).find(
      (w) => w.wallet === wallet,
    );
    if (!offered)
      throw new ApiError('wallet_not_available', `Wallet ${wallet} is not associated to till ${till.id}`, [
        { field: 'wallet', message: 'not associated to this till' },
      ]);
    if (!this.canPrint(offered.account))
      throw new ApiError('qr_mode_unsupported', `The provider of ${wallet} cannot print a fixed QR`, [
        { field: 'wallet', message: 'its provider cannot print a fixed QR' },
      ]);
    return this.ensure(till.id, till.storeId, offered.account);
  }

  /**
   * Creates an order's charge at a static or hybrid till, linked to the printed QR, and records the link
   * once `place` stored the order. A dynamic till, or a provider that cannot print, charges as usual.
   */
  async charge<T extends { order: { id: string } }>(
    target: { tillId: string; storeId: string; qrMode: TillQrMode; account: ProviderAccount },
    create: (fixed: FixedQrLink | undefined) => Promise<Charge>,
    place: (charge: Charge) => Promise<T>,
  ): Promise<T> {
    const { tillId, storeId, qrMode, account } = target;
    if (qrMode === 'dynamic' || !this.canPrint(account)) return place(await create(undefined));
    return this.serially(tillId, async () => {
      const printed = await this.ensure(tillId, storeId, account);
      const charge = await create({ mode: qrMode, locationRef: printed.locationRef, qrCodeText: printed.qrCodeText });
      const placed = await place(charge);
      const key = { tillId, providerAccountId: account.id };
      await setTillFixedQrLink(
        this.deps.knex,
        key,
        charge.linkedRef ? { chargeRef: charge.linkedRef, orderId: placed.order.id } : null,
      );
      return placed;
    });
  }

  /** A till back to dynamic: its printed QRs charge nothing from now on. */
  async unlinkAll(tillId: string): Promise<void> {
    await this.serially(tillId, async () => {
      for (const qr of await linkedTillFixedQrs(this.deps.knex, tillId)) {
        const account = await findProviderAccount(this.deps.knex, qr.providerAccountId);
        if (account)
          await this.deps.adapters
            .get(account.adapter)
            .unlinkFixedQr?.({ locationRef: qr.locationRef, account })
            .catch(providerProblem);
        await setTillFixedQrLink(this.deps.knex, qr, null);
      }
    });
  }

  private canPrint(account: ProviderAccount): boolean {
    const adapter = this.deps.adapters.has(account.adapter) ? this.deps.adapters.get(account.adapter) : undefined;
    return (
      this.deps.adapters.descriptor(account.adapter)?.capabilities.staticQr === true &&
      adapter?.createFixedQr !== undefined
    );
  }

  private async ensure(tillId: string, storeId: string, account: ProviderAccount): Promise<TillFixedQr> {
    const existing = await findTillFixedQr(this.deps.knex, tillId, account.id);
    if (existing) return existing;
    const store = await findStore(this.deps.knex, storeId);
    const adapter = this.deps.adapters.get(account.adapter);
    const made = await adapter
      .createFixedQr?.({
        tillId,
        storeId,
        merchant: { name: store?.name ?? '', city: cityOf(store?.address ?? null) },
        account,
      })
      .catch(providerProblem);
    if (!made) throw new Error(`adapter ${account.adapter} cannot print a fixed QR`);
    return keepTillFixedQr(this.deps.knex, { tillId, providerAccountId: account.id, ...made }, this.deps.clock.now());
  }

  private serially<T>(tillId: string, run: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(tillId) ?? Promise.resolve()).catch(() => undefined).then(run);
    this.tails.set(tillId, next);
    void next
      .finally(() => {
        if (this.tails.get(tillId) === next) this.tails.delete(tillId);
      })
      .catch(() => undefined);
    return next;
  }
}

/** The city of a Brazilian address written `street, number, City - UF`; BR Code tag 60 wants one. */
export function cityOf(address: string | null): string {
  const last = address?.split(',').at(-1)?.trim() ?? '';
  return last.replace(/\s*-\s*[A-Za-z]{2}$/, '').trim() || 'BRASIL';
}

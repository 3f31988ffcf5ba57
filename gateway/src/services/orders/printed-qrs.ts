import { randomUUID } from 'node:crypto';
import type { Environment, TillQrMode, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import type { Charge, FixedQrLink, ProviderAccount } from '../../adapters/types.js';
import { findStore } from '../../store/stores.js';
import {
  findTillFixedQr,
  keepPrintedQrCharge,
  keepTillFixedQr,
  leaseTillFixedQrLink,
  linkedTillFixedQrs,
  releaseTillFixedQrLink,
  renewTillFixedQrLink,
  setTillFixedQrLink,
  type TillFixedQr,
} from '../../store/till-fixed-qrs.js';
import type { Till } from '../../store/tills.js';
import { findProviderAccount, tillWallets } from '../../store/wallets.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { providerProblem, removeChargesAtProvider } from './provider-calls.js';

/** What a printed QR charges once a link is done: an order's charge, or nothing. */
type Link = { chargeRef: string; orderId: string } | null;

/**
 * How instances share a printed QR: whoever relinks it holds a lease on its row for `LINK_LEASE_MS`,
 * renewed every `LINK_RENEW_MS` while the link runs, for at most `LINK_MAX_HOLD_MS` (longer than the
 * slowest link the adapters' deadlines and retries allow). Another instance waits, asking again after
 * `LINK_POLL_MS` doubling to `LINK_POLL_MAX_MS`; one that dies mid-link holds the till up for one lease.
 */
const LINK_LEASE_MS = 20_000;
const LINK_RENEW_MS = 5_000;
const LINK_MAX_HOLD_MS = 120_000;
const LINK_POLL_MS = 10;
const LINK_POLL_MAX_MS = 250;

/**
 * Tills without a customer screen: one QR printed per till and provider account (a Pix fixed location),
 * made once at the provider and linked to the till's current order. Links of one printed QR run one at a
 * time across instances (a lease on its row, see `LINK_LEASE_MS`; within one process they also queue in
 * order), so the printed QR never charges two orders and the one it charges is the last one stored;
 * `static` and `hybrid` differ only in what the order shows (the adapter's business).
 */
export class PrintedQrs {
  /** The tail of each till's chain of link operations in this process. */
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
   * once `place` stored the order; a hybrid order's second charge is recorded beside it. A dynamic till,
   * or a provider that cannot print, charges as usual.
   */
  async charge<T extends { order: { id: string }; replayed?: boolean }>(
    target: { tillId: string; storeId: string; qrMode: TillQrMode; account: ProviderAccount },
    create: (fixed: FixedQrLink | undefined) => Promise<Charge>,
    place: (charge: Charge) => Promise<T>,
  ): Promise<T> {
    const { tillId, storeId, qrMode, account } = target;
    if (qrMode === 'dynamic' || !this.canPrint(account)) return place(await create(undefined));
    return this.serially(tillId, async () => {
      const printed = await this.ensure(tillId, storeId, account);
      return this.leased(printed, async () => {
        const charge = await create({ mode: qrMode, locationRef: printed.locationRef, qrCodeText: printed.qrCodeText });
        const second =
          charge.linkedRef !== undefined && charge.linkedRef !== charge.providerRef ? charge.linkedRef : null;
        let placed: T;
        try {
          placed = await place(charge);
        } catch (err) {
          // `place` removed the order's own charge; the second one goes too, and the printed QR charges nothing.
          if (second) removeChargesAtProvider(this.deps, account, [second]);
          await setTillFixedQrLink(this.deps.knex, printed, null).catch((linkErr: unknown) =>
            this.deps.log.warn({ err: linkErr, till_id: tillId }, 'printed QR link not cleared after a failed create'),
          );
          throw err;
        }
        if (placed.replayed) {
          // An idempotent replay: this charge was removed for the order stored first, and so is its second.
          if (second) removeChargesAtProvider(this.deps, account, [second]);
          return { value: placed, link: null };
        }
        if (second) await keepPrintedQrCharge(this.deps.knex, placed.order.id, second);
        const link = charge.linkedRef ? { chargeRef: charge.linkedRef, orderId: placed.order.id } : null;
        return { value: placed, link };
      });
    });
  }

  /** A till back to dynamic: its printed QRs charge nothing from now on. */
  async unlinkAll(tillId: string): Promise<void> {
    await this.serially(tillId, async () => {
      for (const qr of await linkedTillFixedQrs(this.deps.knex, tillId)) {
        await this.leased(qr, async () => {
          const account = await findProviderAccount(this.deps.knex, qr.providerAccountId);
          if (account)
            await this.deps.adapters
              .get(account.adapter)
              .unlinkFixedQr?.({ locationRef: qr.locationRef, account })
              .catch(providerProblem);
          return { value: undefined, link: null };
        });
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

  /**
   * Runs `work` holding the printed QR's lease, waiting while another instance holds it; the lease ends
   * with the link `work` answers recorded in the same statement (a failed `work` records none). A lease
   * lost midway (this instance stalled past it) records nothing and is logged: the other holder's link stands.
   */
  private async leased<T>(
    key: Pick<TillFixedQr, 'tillId' | 'providerAccountId'>,
    work: () => Promise<{ value: T; link: Link }>,
  ): Promise<T> {
    const holder = randomUUID();
    const { knex, clock, log } = this.deps;
    const until = () => new Date(clock.now().getTime() + LINK_LEASE_MS);
    for (
      let wait = LINK_POLL_MS;
      !(await leaseTillFixedQrLink(knex, key, { holder, now: clock.now(), until: until() }));
    ) {
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
      wait = Math.min(wait * 2, LINK_POLL_MAX_MS);
    }
    const started = Date.now();
    const renewal = setInterval(() => {
      if (Date.now() - started > LINK_MAX_HOLD_MS) return clearInterval(renewal);
      renewTillFixedQrLink(knex, key, { holder, until: until() }).catch((err: unknown) =>
        log.warn({ err, till_id: key.tillId }, 'printed QR lease renewal failed'),
      );
    }, LINK_RENEW_MS);
    renewal.unref();
    let done: { value: T; link: Link };
    try {
      done = await work();
    } catch (err) {
      clearInterval(renewal);
      await releaseTillFixedQrLink(knex, key, holder).catch((releaseErr: unknown) =>
        log.warn({ err: releaseErr, till_id: key.tillId }, 'printed QR lease release failed; it lapses'),
      );
      throw err;
    }
    clearInterval(renewal);
    if (!(await releaseTillFixedQrLink(knex, key, holder, done.link)))
      log.error({ till_id: key.tillId }, 'printed QR lease lost during a link; the link was not recorded');
    return done.value;
  }
}

/** The city of a Brazilian address written `street, number, City - UF`; BR Code tag 60 wants one. */
export function cityOf(address: string | null): string {
  const last = address?.split(',').at(-1)?.trim() ?? '';
  return last.replace(/\s*-\s*[A-Za-z]{2}$/, '').trim() || 'BRASIL';
}

import type { ProviderAccount } from '../../adapters/types.js';
import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../../adapters/types.js';
import type { ChargeOfOrder, OrderRecord } from '../../store/orders.js';
import { missingAccount } from '../../store/provider-orders.js';
import { printedQrChargesOf } from '../../store/till-fixed-qrs.js';
import { findProviderAccount } from '../../store/wallets.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError } from '../errors.js';

/** Turns an adapter's typed failure into the caller's problem. */
export function providerProblem(err: unknown): never {
  if (err instanceof ProviderRejected) throw new ApiError('provider_rejected', `The provider refused: ${err.reason}`);
  if (err instanceof ProviderUnavailable) throw new ApiError('provider_unavailable', err.message);
  if (err instanceof ProviderAuthFailed)
    throw new ApiError('provider_unavailable', `The provider refused the merchant's credentials: ${err.message}`);
  throw err;
}

/** Where a provider sends an account's notifications: one route for every provider, the account in its path. */
export const notificationUrl = (publicUrl: string, account: Pick<ProviderAccount, 'adapter' | 'id'>): string =>
  `${publicUrl.replace(/\/$/, '')}/v1/providers/${account.adapter}/${account.id}/webhook`;

export async function accountOf(deps: ServiceDeps, order: OrderRecord): Promise<ProviderAccount> {
  const account = await findProviderAccount(deps.knex, order.providerAccountId);
  if (!account) throw missingAccount(order);
  return account;
}

/**
 * Removes charges of orders that can no longer be paid (cancelled, replaced, expired) at their
 * provider, after the commit and off the caller's path, one account lookup per account; a hybrid till's
 * order loses its second charge (the printed QR's) with its own. A failure is logged: a payment that
 * still arrives is recorded as a late payment and refunded.
 */
export function removeAtProvider(deps: ServiceDeps, orders: readonly ChargeOfOrder[]): void {
  if (orders.length === 0) return;
  void (async () => {
    const seconds = await printedQrChargesOf(
      deps.knex,
      orders.map((o) => o.id),
    ).catch((err: unknown) => {
      deps.log.warn({ err }, 'second charges of closed orders not read; they stay at the provider');
      return new Map<string, string>();
    });
    const byAccount = new Map<string, { orderId: string; providerRef: string }[]>();
    for (const o of orders) {
      const group = byAccount.get(o.providerAccountId) ?? [];
      if (group.length === 0) byAccount.set(o.providerAccountId, group);
      group.push({ orderId: o.id, providerRef: o.providerRef });
      const second = seconds.get(o.id);
      if (second !== undefined) group.push({ orderId: o.id, providerRef: second });
    }
    for (const [accountId, group] of byAccount) {
      const account = await findProviderAccount(deps.knex, accountId).catch(() => undefined);
      await removeEach(deps, account, group);
    }
  })();
}

/** Removes these charges of one account at its provider, after the caller's work and off its path; failures are logged. */
export function removeChargesAtProvider(
  deps: ServiceDeps,
  account: ProviderAccount,
  providerRefs: readonly string[],
): void {
  void removeEach(
    deps,
    account,
    providerRefs.map((providerRef) => ({ orderId: undefined, providerRef })),
  );
}

async function removeEach(
  deps: ServiceDeps,
  account: ProviderAccount | undefined,
  charges: readonly { orderId: string | undefined; providerRef: string }[],
): Promise<void> {
  for (const { orderId, providerRef } of charges) {
    try {
      if (!account) throw new Error('the provider account is missing');
      await deps.adapters.get(account.adapter).cancelCharge({ providerRef, account });
    } catch (err) {
      deps.log.warn({ err, order_id: orderId, provider_ref: providerRef }, 'charge removal at the provider failed');
    }
  }
}

import type { ProviderAccount } from '../adapters/types.js';
import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../adapters/types.js';
import type { ChargeOfOrder, OrderRecord } from '../store/orders.js';
import { findProviderAccount } from '../store/wallets.js';
import type { ServiceDeps } from './deps.js';
import { ApiError } from './errors.js';

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
  if (!account) throw new Error(`provider account ${order.providerAccountId} of order ${order.id} is missing`);
  return account;
}

/**
 * Removes charges of orders that can no longer be paid (cancelled, replaced, expired) at their
 * provider, after the commit and off the caller's path, one account lookup per account. A failure
 * is logged: a payment that still arrives is recorded as a late payment and refunded.
 */
export function removeAtProvider(deps: ServiceDeps, orders: readonly ChargeOfOrder[]): void {
  if (orders.length === 0) return;
  const byAccount = new Map<string, ChargeOfOrder[]>();
  for (const o of orders) {
    const group = byAccount.get(o.providerAccountId);
    if (group) group.push(o);
    else byAccount.set(o.providerAccountId, [o]);
  }
  void (async () => {
    for (const [accountId, group] of byAccount) {
      const account = await findProviderAccount(deps.knex, accountId).catch(() => undefined);
      const adapter = account && deps.adapters.get(account.adapter);
      for (const order of group) {
        try {
          if (!account || !adapter) throw new Error(`provider account ${accountId} is missing`);
          await adapter.cancelCharge({ providerRef: order.providerRef, account });
        } catch (err) {
          deps.log.warn({ err, order_id: order.id }, 'charge removal at the provider failed');
        }
      }
    }
  })();
}

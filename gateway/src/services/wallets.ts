import type { WalletOption } from '@tillgate/sdk/protocol';
import { WALLET_DISPLAY_NAMES } from '../adapters/types.js';
import { tillWallets } from '../store/wallets.js';
import type { ServiceDeps } from './deps.js';
import { ApiError } from './errors.js';
import { type Principal, requireActor } from './principal.js';

/** The wallets a till can take, from the provider accounts associated to it or its store. */
export async function walletsOfTill(
  deps: ServiceDeps,
  principal: Principal,
  tillId: string | undefined,
): Promise<WalletOption[]> {
  const actor = requireActor(principal);
  const till = actor.kind === 'till' ? actor.tillId : tillId;
  if (!till)
    throw new ApiError('validation_failed', 'An app token must name the till', [
      { field: 'till_id', message: 'is required' },
    ]);
  const rows = await tillWallets(deps.knex, till, actor.environment, actor.merchantId);
  return rows.map(({ wallet, account }) => ({
    wallet,
    display_name: WALLET_DISPLAY_NAMES[wallet],
    logo_url: `/assets/wallets/${wallet}.svg`,
    provider: account.provider,
  }));
}

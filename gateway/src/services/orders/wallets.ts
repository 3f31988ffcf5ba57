import type { WalletOption } from '@tillgate/sdk/protocol';
import { WALLET_DISPLAY_NAMES } from '../../adapters/types.js';
import { findTill } from '../../store/tills.js';
import { tillWallets } from '../../store/wallets.js';
import { type Principal, requireActor, seesStore } from '../accounts/principal.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';

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
      { field: 'till_id', code: 'required', message: 'is required' },
    ]);
  if (actor.kind !== 'till') {
    // A till of another merchant, or of a store the user is not given, reads as missing.
    const found = await findTill(deps.knex, till);
    if (!found || found.merchantId !== actor.merchantId || !seesStore(actor, found.storeId))
      throw notFound('Till', till);
  }
  const rows = await tillWallets(deps.knex, till, actor.environment, actor.merchantId);
  return rows.map(({ wallet, account }) => ({
    wallet,
    display_name: WALLET_DISPLAY_NAMES[wallet],
    logo_url: `/assets/wallets/${wallet}.svg`,
    provider: account.provider,
  }));
}

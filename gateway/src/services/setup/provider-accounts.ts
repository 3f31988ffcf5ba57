import type {
  WalletAssociation as AssociationView,
  AuditAction,
  CreatedProviderAccount,
  ProviderAccount,
  Wallet,
} from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../../adapters/types.js';
import {
  deleteAssociation,
  findAssociation,
  findNamedProviderAccount,
  findSameAssociation,
  listProviderAccounts,
  type NamedProviderAccount,
  type WalletAssociation,
} from '../../store/provider-accounts.js';
import { associateWallet, insertProviderAccount } from '../../store/wallets.js';
import { authorize } from '../accounts/permissions.js';
import type { Actor, Principal } from '../accounts/principal.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { type AuditChanges, recordAudit } from '../security/audit.js';
import { accountSettings, type NewProviderAccountInput } from './provider-account-config.js';
import type { ProviderSecrets } from './provider-secrets.js';
import { visibleStore } from './stores.js';
import { visibleTill } from './tills.js';

const associationView = (a: WalletAssociation): AssociationView => ({
  id: a.id,
  wallet: a.wallet,
  ...(a.storeId ? { store_id: a.storeId } : { till_id: a.tillId as string }),
});

/** Provider accounts, their connection test, and which stores and tills they take wallets for. */
export class ProviderAccountService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly secrets: ProviderSecrets,
  ) {}

  async list(principal: Principal): Promise<{ data: ProviderAccount[] }> {
    const actor = authorize(principal, 'providers.manage');
    const accounts = await listProviderAccounts(this.deps.knex, actor.merchantId, actor.environment);
    return { data: accounts.map((a) => this.view(a, a.associations)) };
  }

  async create(principal: Principal, input: NewProviderAccountInput): Promise<CreatedProviderAccount> {
    const actor = authorize(principal, 'providers.manage');
    const id = this.deps.ids('pac');
    const settings = accountSettings(id, input, actor.environment, this.deps.adapters, this.secrets);
    const account: NamedProviderAccount = {
      id,
      merchantId: actor.merchantId,
      environment: actor.environment,
      adapter: settings.adapter,
      provider: input.provider,
      name: input.name,
      config: settings.config,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.knex.transaction(async (trx) => {
      await insertProviderAccount(trx, account);
      await this.audit(trx, actor, 'provider_account.created', id, {
        provider: { before: null, after: account.provider },
        name: { before: null, after: account.name },
      });
    });
    return { ...this.view(account, []), ...(settings.webhookPath ? { webhook_path: settings.webhookPath } : {}) };
  }

  /** One real call with the account's credentials; a refusal or an outage is an answer, not an error. */
  async test(principal: Principal, id: string): Promise<{ ok: boolean; detail: string }> {
    const actor = authorize(principal, 'providers.manage');
    const account = await this.ownAccount(actor, id);
    const result = await this.tryConnection(account);
    await this.audit(this.deps.knex, actor, 'provider_account.tested', id, { ok: { before: null, after: result.ok } });
    return result;
  }

  private async tryConnection(account: NamedProviderAccount): Promise<{ ok: boolean; detail: string }> {
    const adapter = this.deps.adapters.get(account.adapter);
    if (!adapter.testConnection) return { ok: true, detail: `${account.provider} offers no connection test` };
    try {
      await adapter.testConnection(account);
      return { ok: true, detail: `${account.name}: the provider accepted the credentials` };
    } catch (err) {
      if (err instanceof ProviderAuthFailed || err instanceof ProviderUnavailable)
        return { ok: false, detail: err.message };
      if (err instanceof ProviderRejected) return { ok: false, detail: err.reason };
      throw err;
    }
  }

  async associate(
    principal: Principal,
    id: string,
    input: { wallet: Wallet; store_id?: string | undefined; till_id?: string | undefined },
  ): Promise<AssociationView> {
    const actor = authorize(principal, 'providers.manage');
    return this.deps.knex.transaction(async (trx) => {
      const account = await this.ownAccount(actor, id, trx);
      if (!this.walletsOf(account).includes(input.wallet))
        throw new ApiError('validation_failed', `${account.name} does not take ${input.wallet}`, [
          { field: 'wallet', message: 'is not offered by this account' },
        ]);
      const target = input.till_id
        ? { storeId: null, tillId: (await visibleTill(trx, actor, input.till_id)).id }
        : { storeId: (await visibleStore(trx, actor, input.store_id ?? '')).id, tillId: null };
      const same = await findSameAssociation(trx, { providerAccountId: id, wallet: input.wallet, ...target });
      if (same) return associationView(same);
      const associationId = await associateWallet(trx, {
        providerAccountId: id,
        wallet: input.wallet,
        ...(target.tillId ? { tillId: target.tillId } : { storeId: target.storeId as string }),
      });
      await this.audit(trx, actor, 'provider_account.associated', id, {
        wallet: { before: null, after: input.wallet },
        ...(target.tillId
          ? { till_id: { before: null, after: target.tillId } }
          : { store_id: { before: null, after: target.storeId } }),
      });
      return associationView({ id: associationId, providerAccountId: id, wallet: input.wallet, ...target });
    });
  }

  async dissociate(principal: Principal, id: string, associationId: string): Promise<void> {
    const actor = authorize(principal, 'providers.manage');
    await this.deps.knex.transaction(async (trx) => {
      await this.ownAccount(actor, id, trx);
      const association = await findAssociation(trx, id, associationId);
      if (!association) throw notFound('Association', associationId);
      if (association.tillId) await visibleTill(trx, actor, association.tillId);
      if (association.storeId) await visibleStore(trx, actor, association.storeId);
      await deleteAssociation(trx, associationId);
      await this.audit(trx, actor, 'provider_account.dissociated', id, {
        wallet: { before: association.wallet, after: null },
        ...(association.tillId
          ? { till_id: { before: association.tillId, after: null } }
          : { store_id: { before: association.storeId, after: null } }),
      });
    });
  }

  private audit(
    db: Knex | Knex.Transaction,
    actor: Actor,
    action: AuditAction,
    accountId: string,
    changes: AuditChanges,
  ): Promise<unknown> {
    return recordAudit(this.deps, db, {
      merchantId: actor.merchantId,
      environment: actor.environment,
      actor,
      action,
      target: { type: 'provider_account', id: accountId },
      changes,
    });
  }

  private async ownAccount(actor: Actor, id: string, db = this.deps.knex): Promise<NamedProviderAccount> {
    const account = await findNamedProviderAccount(db, id);
    if (!account || account.merchantId !== actor.merchantId || account.environment !== actor.environment)
      throw notFound('Provider account', id);
    return account;
  }

  /** What the account offers: set at creation, or, for accounts made before, all its adapter takes. */
  private walletsOf(account: NamedProviderAccount): Wallet[] {
    const wallets = account.config.wallets;
    return Array.isArray(wallets) ? (wallets as Wallet[]) : [...this.deps.adapters.get(account.adapter).wallets];
  }

  private view(account: NamedProviderAccount, associations: WalletAssociation[]): ProviderAccount {
    const wallets = this.walletsOf(account);
    const { config } = account;
    const onlyPix = wallets.length === 1 && wallets[0] === 'pix';
    const kind = config.kind === 'pix' || (config.kind === undefined && onlyPix) ? 'pix' : 'wallet';
    return {
      id: account.id,
      kind,
      provider: account.provider,
      name: account.name,
      wallets,
      ...(typeof config.pixKey === 'string' ? { pix_key: config.pixKey } : {}),
      has_certificate: config.hasCertificate === true,
      created_at: account.createdAt.toISOString(),
      associations: associations.map(associationView),
    };
  }
}

import type { Environment, ProviderAccountField, ProviderDescription, Wallet } from '@tillgate/sdk/protocol';
import { WALLET_DISPLAY_NAMES } from '@tillgate/sdk/protocol';

/** What the "add an account" form offers: the body's `provider`, its name, and the fields to ask for. */
export interface ProviderChoice {
  value: string;
  label: string;
  fields: ProviderAccountField[];
  /** Fields the choice itself answers (the bank profile a Pix bank stands for). */
  given: Record<string, string>;
}

/**
 * Whether the gateway will refuse the account without this field, as `GET /v1/providers` says: always,
 * in live, or in test for some values of another field (a bank whose sandbox demands a certificate).
 */
export function isRequired(
  field: ProviderAccountField,
  environment: Environment,
  values: Record<string, unknown>,
): boolean {
  if (field.required) return true;
  if (environment === 'live') return field.required_in_live;
  const when = field.required_in_test_for;
  if (!when) return false;
  const waived = when.waived_by !== undefined && filled(values[when.waived_by]);
  return !waived && when.values.includes(String(values[when.field]));
}

const filled = (v: unknown) => v !== undefined && v !== false && !(typeof v === 'string' && v.trim() === '');

const offered = (p: ProviderDescription, environment: Environment) => environment === 'test' || !p.test_only;
/** The fields the environment asks for: test-only ones (an emulator's address) in test alone. */
const askedIn = (fields: ProviderAccountField[], environment: Environment) =>
  fields.filter((f) => environment === 'test' || !f.test_only);

/**
 * The choices of `GET /v1/providers` for a kind of account. A Pix provider with a `profile` field (pix-bcb)
 * is offered once per bank, which the body names as `provider`; a wallet through the provider that takes it,
 * or, in test while none does, through the sandbox with nothing to ask.
 */
export function accountChoices(
  providers: readonly ProviderDescription[],
  kind: 'pix' | 'wallet',
  environment: Environment,
): ProviderChoice[] {
  const here = providers.filter((p) => offered(p, environment));
  if (kind === 'pix')
    return here
      .filter((p) => p.wallets.includes('pix'))
      .flatMap((p) => {
        const profile = p.account_fields.find((f) => f.name === 'profile' && f.type === 'enum');
        const fields = askedIn(
          p.account_fields.filter((f) => f !== profile),
          environment,
        );
        if (!profile) return [{ value: p.id, label: p.display_name, fields, given: {} }];
        return (profile.options ?? []).map((o) => ({
          value: o,
          label: profile.option_labels?.[o] ?? o,
          fields,
          given: { [profile.name]: o },
        }));
      });
  const wallets = [...new Set(here.flatMap((p) => p.wallets))].filter((w): w is Exclude<Wallet, 'pix'> => w !== 'pix');
  return wallets.map((wallet) => {
    // As the gateway picks: the provider named after the wallet, else another that takes it, the sandbox last.
    const taking = here.filter((p) => !p.test_only && p.wallets.includes(wallet));
    const provider = taking.find((p) => p.id === wallet) ?? taking[0];
    return {
      value: wallet,
      label: WALLET_DISPLAY_NAMES[wallet],
      fields: provider ? askedIn(provider.account_fields, environment) : [],
      given: {},
    };
  });
}

/** How an account's `provider` (a bank or a wallet) is named. */
export function providerName(providers: readonly ProviderDescription[], provider: string): string {
  if (provider in WALLET_DISPLAY_NAMES) return WALLET_DISPLAY_NAMES[provider as Wallet];
  for (const p of providers) {
    if (p.id === provider) return p.display_name;
    const label = p.account_fields.find((f) => f.name === 'profile')?.option_labels?.[provider];
    if (label) return label;
  }
  return provider;
}

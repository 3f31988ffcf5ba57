import type { Environment, FieldErrorDraft, Wallet } from '@tillgate/sdk/protocol';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ProviderLimits } from '../domain/capabilities.js';
import type { Clock } from '../domain/clock.js';
import type { PaymentAdapter } from './types.js';

/**
 * What a provider can do, declared once and enforced by the order and refund services before any call
 * to it: a request the provider would refuse is refused here, with a clear code, and nothing reaches it.
 */
export interface ProviderCapabilities extends ProviderLimits {
  /** Charges come with a link that opens the wallet's app on the payer's phone. */
  deepLinks: boolean;
  /** The provider only holds the money until it is captured (Ame); the adapter captures before calling it paid. */
  captureStep: boolean;
  /** The provider can print a till's fixed QR. */
  staticQr: boolean;
}

/** How one field of a provider account is shown, asked for and kept; set on the field with zod's `.meta()`. */
export interface AccountFieldMeta {
  /** The panel's label, in pt-BR. */
  label: string;
  /** One line of help under the field. */
  help?: string;
  /** How the panel names each value of an enum field (a bank id's bank). */
  optionLabels?: Record<string, string>;
  /** Sealed at rest and never shown again (tokens, keys, secrets, private keys). */
  secret?: boolean;
  /** Needed for a live account, though a test account may do without (one pointed at an emulator). */
  requiredInLive?: boolean;
  /** Refused in live: a field only for the test environment (`base_url`, the emulator's address). */
  testOnly?: boolean;
  /**
   * Needed in test too when another field takes one of these values (the banks that demand a client
   * certificate even in their sandbox), unless `waivedBy` is given (an emulator standing in for the bank).
   */
  requiredInTestFor?: AccountFieldCondition;
}

/** A field's value that makes another field required, as `GET /v1/providers` publishes it for the panel. */
export interface AccountFieldCondition {
  field: string;
  values: readonly string[];
  waivedBy?: string;
}

/** What every adapter is built with. */
export interface AdapterContext {
  log: Logger;
  clock: Clock;
  /** Deadline of each call to the provider. */
  timeoutMs: number;
  /** The gateway's public URL, known only once it listens (the sandbox writes it into its BR Codes). */
  publicUrl?: () => string;
}

/** An account's fields as the provider stores them: readable ones, and those sealed at rest. */
export interface StoredAccount {
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
  /** Where the provider must be told to send this account's notifications, when the merchant registers it there. */
  webhookPath?: string;
}

/** Fields the provider refuses for an account; the management API answers 422 naming each. */
export class AccountFieldError extends Error {
  override readonly name = 'AccountFieldError';
  constructor(
    readonly fields: readonly FieldErrorDraft[],
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * A provider, as its folder exports it: the gateway learns everything about it from here, so adding a
 * provider is its folder plus one registration line.
 */
export interface ProviderDescriptor {
  /** The adapter id stored on accounts and orders, and the `{adapter}` of the notification route. */
  readonly id: string;
  /** As merchants know it, in the panel. */
  readonly displayName: string;
  readonly wallets: readonly Wallet[];
  readonly capabilities: ProviderCapabilities;
  /** Takes test accounts only (the sandbox): the panel offers it in the test environment alone. */
  readonly testOnly?: boolean;
  /**
   * The account as the API and the panel take it, snake_case, each field described by `AccountFieldMeta`
   * through `.meta()`. An account's stored config is what this parses to, its secret fields sealed;
   * the adapter reads it back (opened) from `ProviderAccount.config`.
   */
  readonly account: z.ZodObject;
  /** Why a stored account may not take live charges, if it may not. */
  unfitForLive?(config: Record<string, unknown>): string | undefined;
  /**
   * How a new account's parsed fields are stored, for a provider whose stored config is not simply those
   * fields with the secret ones sealed (pix-bcb keeps its older camelCase and draws a webhook secret).
   * Throws `AccountFieldError` for fields that do not fit together.
   */
  storeAccount?(fields: Record<string, unknown>, account: { id: string; environment: Environment }): StoredAccount;
  create(context: AdapterContext): PaymentAdapter;
}

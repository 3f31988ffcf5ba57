/** What both entry points export besides their `Tillgate` class. */
export type {
  AppCredentials,
  ClientSecretCredentials,
  CredentialSource,
  Credentials,
  TillCredentials,
} from './auth/credentials.js';
export type { TillgateClient, TillgateOptions } from './client.js';
export {
  type ErrorDetails,
  errorFromProblem,
  TillgateAPIError,
  TillgateAuthenticationError,
  TillgateConflictError,
  TillgateConnectionError,
  TillgateError,
  type TillgateErrorCode,
  TillgateNotFoundError,
  TillgatePermissionError,
  TillgateProviderError,
  TillgateRateLimitError,
  TillgateValidationError,
} from './errors.js';
export type { EventStream, WatchOptions } from './live/event-stream.js';
export type { WatchTarget } from './live/topic.js';
export type { WaitForOptions } from './live/wait-for.js';
export type { AutoPaginatingList } from './pagination.js';
export type * from './protocol/index.js';
export type { ListEventsParams } from './resources/events.js';
export type { CreateOrderParams, ListOrdersParams } from './resources/orders.js';
export type { AssociateWalletParams } from './resources/provider-accounts.js';
export type { CreateRefundParams } from './resources/refunds.js';
export type { SandboxPayParams } from './resources/sandbox.js';
export type { CreateStoreParams, ListStoresParams } from './resources/stores.js';
export type { CreateTillParams, ListTillsParams } from './resources/tills.js';
export type { ListWalletsParams } from './resources/wallets.js';
export type { RequestOptions } from './transport/transport.js';

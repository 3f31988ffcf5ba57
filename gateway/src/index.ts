export { accountFields, fieldMeta } from './adapters/account-fields.js';
export { descriptor as ameDescriptor } from './adapters/ame/index.js';
export { createCieloPayAdapter, descriptor as cielopayDescriptor } from './adapters/cielopay/index.js';
export {
  AccountFieldError,
  type AccountFieldMeta,
  type AdapterContext,
  type ProviderCapabilities,
  type ProviderDescriptor,
  type StoredAccount,
} from './adapters/descriptor.js';
export { descriptor as mercadopagoDescriptor } from './adapters/mercadopago/index.js';
export { descriptor as pagbankDescriptor } from './adapters/pagbank/index.js';
export { descriptor as picpayDescriptor } from './adapters/picpay/index.js';
export { createPixBcbAdapter, type PixBcbOptions } from './adapters/pix-bcb/index.js';
export { PIX_PROFILE_IDS, PIX_PROFILES, type PixBankProfile, type PixProfileId } from './adapters/pix-bcb/profiles.js';
export { descriptor as sandboxDescriptor } from './adapters/sandbox/index.js';
export {
  type Charge,
  type ChargeRequest,
  type ChargeState,
  type PaymentAdapter,
  type ProviderAccount,
  ProviderAuthFailed,
  type ProviderEvent,
  type ProviderPayment,
  ProviderRejected,
  ProviderUnavailable,
  type RefundState,
} from './adapters/types.js';
export {
  type DemoAccountLink,
  type LinkedDemoAccount,
  linkDemoAccount,
  unlinkDemoWallet,
} from './demo/accounts.js';
export { type DemoPixLink, type LinkedPixAccount, linkDemoPix, profilePaths } from './demo/pix.js';
export { DEMO_MERCHANT_ID, type DemoCredentials, seedDemoMerchant } from './demo/seed.js';
export { type Clock, ManualClock } from './domain/clock.js';
export { type Gateway, type GatewayOptions, startGateway } from './gateway.js';
export { MemoryRateLimiter } from './limits/memory-rate-limiter.js';
export type { Hit, RateLimiter } from './limits/rate-limiter.js';
export { RateLimits } from './limits/rate-limits.js';
export { RedisRateLimiter } from './limits/redis-rate-limiter.js';
export { DEFAULT_LOCKOUT_AFTER, DEFAULT_RATE_RULES, type RateLimitRules } from './limits/rules.js';
export { createLogger } from './log.js';
export type { Principal, Role } from './services/accounts/principal.js';
export { RETRY_SCHEDULE_SECONDS } from './services/delivery/webhook-dispatcher.js';
export { ApiError } from './services/errors.js';
export { BoardService } from './services/orders/board.js';
export { type ReportAttachments, reportAttachments } from './services/reports/attachments.js';
export { ReportJobs, type ReportJobTiming } from './services/reports/report-jobs.js';
export { ReportService } from './services/reports/reports.js';
export { renderSalesFile, type SalesScope } from './services/reports/sales-file.js';
export { type AuditEntry, recordAudit, verifyAuditChain } from './services/security/audit.js';
export { issueAppCredential } from './services/setup/app-credentials.js';
export { AppService } from './services/setup/apps.js';
export { ProviderAccountService } from './services/setup/provider-accounts.js';
export { StoreCredentialService } from './services/setup/store-credentials.js';
export { StoreService } from './services/setup/stores.js';
export { TillService } from './services/setup/tills.js';
export { finishReport, insertReport, type ReportRecord } from './store/reports.js';

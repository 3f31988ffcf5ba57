export { createPixBcbAdapter, type PixBcbOptions } from './adapters/pix-bcb/index.js';
export { PIX_PROFILE_IDS, PIX_PROFILES, type PixBankProfile, type PixProfileId } from './adapters/pix-bcb/profiles.js';
export { type Clock, ManualClock } from './domain/clock.js';
export { type Gateway, type GatewayOptions, startGateway } from './gateway.js';
export { issueAppCredential } from './services/app-credentials.js';
export { type DemoPixLink, type LinkedPixAccount, linkDemoPix, profilePaths } from './services/demo-pix.js';
export { type DemoCredentials, seedDemoMerchant } from './services/demo-seed.js';
export { RETRY_SCHEDULE_SECONDS } from './services/webhook-dispatcher.js';

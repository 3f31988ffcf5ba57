export { type Clock, ManualClock } from './domain/clock.js';
export { type Gateway, type GatewayOptions, startGateway } from './gateway.js';
export { issueAppCredential } from './services/app-credentials.js';
export { type DemoCredentials, seedDemoMerchant } from './services/demo-seed.js';
export { RETRY_SCHEDULE_SECONDS } from './services/webhook-dispatcher.js';

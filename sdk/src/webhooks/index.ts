export { WEBHOOK_ERROR_CODES, type WebhookErrorCode, WebhookVerificationError } from './errors.js';
export {
  type WebhookHandlerOptions,
  type WebhookRequest,
  type WebhookResponse,
  webhookHandler,
} from './express.js';
export { signTestWebhook } from './sign.js';
export { SIGNATURE_HEADER, type VerifyOptions, verifyWebhook } from './verify.js';

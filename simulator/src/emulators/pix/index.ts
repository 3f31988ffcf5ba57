export type { FaultCounts, Faults, ReceivedRequest } from './control.js';
export type { Cob, CobStatus, Devolucao, DevolucaoStatus, Pix } from './ledger.js';
export { type PixEmulator, type PixEmulatorOptions, startPixEmulator } from './server.js';
export type { Delivery, WebhookChances, WebhookMisbehaviour, WebhookMode } from './webhooks.js';

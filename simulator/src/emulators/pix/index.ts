export type { Controls, PixFaults } from './control.js';
export type { Cob, CobStatus, Devolucao, DevolucaoStatus, Pix } from './ledger.js';
export { type PixEmulator, type PixEmulatorOptions, startPixEmulator } from './server.js';
export type { PixNotification, PixWebhooks } from './webhooks.js';

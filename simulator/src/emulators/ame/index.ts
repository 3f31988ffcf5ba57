export type { Controls as AmeControls } from './control.js';
export type { AmeItem, AmeOrder, AmeRefund, AmeStatus, AmeTransaction, PayOptions } from './ledger.js';
export { type AmeEmulator, type AmeEmulatorOptions, startAmeEmulator } from './server.js';

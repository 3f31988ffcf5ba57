export type { Controls, Merchant } from './control.js';
export type { Sale, SaleStatus } from './ledger.js';
export type { CieloNotification } from './notifications.js';
export { type CieloEmulator, type CieloEmulatorOptions, EMULATOR_MERCHANT, startCieloEmulator } from './server.js';

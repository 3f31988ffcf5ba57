export type { Charge, ChargeStatus, Order, PayOptions, QrCode } from './ledger.js';
export { PagBankLedger } from './ledger.js';
export {
  authenticityToken,
  type PagBankControls,
  type PagBankEmulatorOptions,
  type StartedPagBankEmulator,
  startPagBankEmulator,
} from './server.js';

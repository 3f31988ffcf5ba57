export type { PicPayOrder, PicPayStatus } from './ledger.js';
export {
  API_PATH,
  type PicPayCallback,
  type PicPayEmulator,
  type PicPayEmulatorOptions,
  startPicPayEmulator,
} from './server.js';

export type { Controls } from './control.js';
export type { Order, OrderStatus, Payment, QrMode, Refund } from './ledger.js';
export type { OrderNotice, OrderNotification } from './notifications.js';
export type { PointsOfSale, Pos, Store } from './pos.js';
export { type MercadopagoEmulator, type MercadopagoEmulatorOptions, startMercadopagoEmulator } from './server.js';

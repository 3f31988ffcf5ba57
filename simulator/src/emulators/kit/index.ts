export {
  controlBody,
  controlRoutes,
  type EmulatorControls,
  type FaultCounts,
  type ReceivedRequest,
} from './control.js';
export { basicCredentials, bearerToken, same } from './credentials.js';
export { type ApiFaultCounts, FaultPlayer, type Faults } from './faults.js';
export { type Answer, at, type Call, MalformedBody, match, type Route, readCall, send } from './http.js';
export {
  type Delivery,
  type NotificationChances,
  type NotificationMisbehaviour,
  type NotificationMode,
  NotificationSender,
  type OutgoingNotification,
} from './notifications.js';
export { ClientCredentials, type ClientOptions, type TokenGrant } from './oauth.js';
export { Schedule } from './schedule.js';
export {
  createEmulatorCore,
  type EmulatorCore,
  type EmulatorCoreOptions,
  type EmulatorOptions,
  type Listening,
  listen,
  live,
  type Started,
  started,
} from './server.js';

import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AdapterRegistry } from '../adapters/registry.js';
import type { Clock } from '../domain/clock.js';
import type { EventBus } from '../events/bus.js';
import type { IdGenerator } from '../ids.js';
import type { Metrics } from '../metrics.js';
import type { ClientSecrets } from './security/client-secrets.js';
import type { OutboundPolicy } from './security/outbound-policy.js';

/** What every use case needs; built once in the composition root. */
export interface ServiceDeps {
  knex: Knex;
  clock: Clock;
  ids: IdGenerator;
  bus: EventBus;
  adapters: AdapterRegistry;
  clientSecrets: ClientSecrets;
  log: Logger;
  metrics: Metrics;
  /** The gateway's own address as the outside reaches it (providers' notifications, links in emails). */
  publicUrl: () => string;
  /** Where webhooks and callbacks may go. */
  outbound: OutboundPolicy;
}

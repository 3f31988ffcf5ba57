import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics, on a registry of its own (several gateways may share a process in tests). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'tillgate_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'tillgate_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });
  readonly orderTransitions = new Counter({
    name: 'tillgate_events_total',
    help: 'Committed order and refund transitions by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventDeliveryLag = new Histogram({
    name: 'tillgate_event_delivery_lag_seconds',
    help: 'From an event being written to its frame leaving for a WebSocket subscriber',
    buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly webhookAttempts = new Counter({
    name: 'tillgate_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly webSockets = new Gauge({
    name: 'tillgate_websocket_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
}

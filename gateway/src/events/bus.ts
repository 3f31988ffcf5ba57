import type { StoredEvent } from '../store/events.js';

/**
 * Carries committed events to every gateway instance. Delivery may be late, repeated or out of order;
 * the event log stays the source of truth and the hub repairs order and gaps from it.
 */
export interface EventBus {
  publish(channel: string, events: StoredEvent[]): void;
  /** Returns the function that ends the subscription. */
  subscribe(channel: string, onEvents: (events: StoredEvent[]) => void): () => void;
  /** Whether the bus can carry events right now, for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The bus of a single instance: a map of channel to handlers. */
export class InProcessBus implements EventBus {
  private readonly handlers = new Map<string, Set<(events: StoredEvent[]) => void>>();

  publish(channel: string, events: StoredEvent[]): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(events);
  }

  subscribe(channel: string, onEvents: (events: StoredEvent[]) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(onEvents);
    return () => {
      set.delete(onEvents);
      if (set.size === 0) this.handlers.delete(channel);
    };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

export const channelOf = (e: { merchantId: string; environment: string }): string => `${e.merchantId}:${e.environment}`;

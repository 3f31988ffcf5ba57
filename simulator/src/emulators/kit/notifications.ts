import { EventEmitter } from 'node:events';

/** How the next notifications are delivered: as a provider should, or the ways real providers misbehave. */
export type NotificationMode = 'once' | 'twice' | 'never' | 'late';

/**
 * In `once` mode, the share (0..1) of notifications that are instead sent twice, lost, or sent late;
 * late ones go out `lateMs` later by themselves (absent: held until `release()`).
 */
export interface NotificationChances {
  twice?: number;
  never?: number;
  late?: number;
  lateMs?: number;
}

/** How many notifications each misbehaviour has hit so far. */
export type NotificationMisbehaviour = Record<Exclude<NotificationMode, 'once'>, number>;

/** One request a notification goes out as: the provider's body, and its headers (signed over the exact bytes sent). */
export interface OutgoingNotification<B> {
  url: string;
  body: B;
  headers?: (raw: string) => Record<string, string>;
}

export interface Delivery<B> {
  url: string;
  body: B;
  status: number | 'error';
}

export interface NotificationSenderOptions {
  /** Draws which notifications misbehave under `chances`. */
  random?: () => number;
  /** Held notifications to one URL go out as one request (the API Pix's `{ pix: [...] }`); else one each. */
  batch?: boolean;
  /** Deadline of each delivery. */
  timeoutMs?: number;
}

/**
 * Sends a provider's notifications as `shape` writes them (body, signature headers), once, twice, late or
 * never. Late notifications wait until `release()`; every attempt is kept in `deliveries`.
 */
export class NotificationSender<T, B = unknown> {
  mode: NotificationMode = 'once';
  chances: NotificationChances = {};
  readonly deliveries: Delivery<B>[] = [];
  readonly misbehaved: NotificationMisbehaviour = { twice: 0, never: 0, late: 0 };
  private readonly held: Array<{ url: string; items: T[] }> = [];
  private readonly delivered = new EventEmitter();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly random: () => number;

  constructor(
    private readonly shape: (url: string, items: T[]) => OutgoingNotification<B>,
    private readonly options: NotificationSenderOptions = {},
  ) {
    this.random = options.random ?? Math.random;
  }

  /** Notifies `url` about these items (a payment, a refund that reached a final status, ...). */
  async notify(url: string, items: T[]): Promise<void> {
    const snapshot = structuredClone(items);
    const mode = this.mode === 'once' ? this.draw() : this.mode;
    if (mode !== 'once') this.misbehaved[mode] += 1;
    if (mode === 'never') return;
    if (mode === 'late') {
      if (this.mode === 'once' && this.chances.lateMs !== undefined) this.sendLater(url, snapshot, this.chances.lateMs);
      else this.held.push({ url, items: snapshot });
      return;
    }
    await this.send(url, snapshot);
    if (mode === 'twice') await this.send(url, snapshot);
  }

  /** Stops the late notifications still waiting for their time; they are lost, as with a provider gone down. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Delivers the held (late) notifications now: one request per URL when batching, else one per item. */
  async release(): Promise<number> {
    const held = this.held.splice(0);
    if (!this.options.batch) {
      for (const { url, items } of held) await this.send(url, items);
      return held.length;
    }
    const byUrl = new Map<string, T[]>();
    for (const { url, items } of held) byUrl.set(url, [...(byUrl.get(url) ?? []), ...items]);
    for (const [url, items] of byUrl) await this.send(url, items);
    return held.length;
  }

  /** Resolves once `count` deliveries in all have been attempted. */
  async waitForDeliveries(count: number, timeoutMs = 5000): Promise<Delivery<B>[]> {
    if (this.deliveries.length >= count) return this.deliveries;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.delivered.off('delivery', check);
        reject(new Error(`only ${this.deliveries.length} of ${count} notification deliveries within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (this.deliveries.length < count) return;
        clearTimeout(timer);
        this.delivered.off('delivery', check);
        resolve(this.deliveries);
      };
      this.delivered.on('delivery', check);
    });
  }

  private draw(): NotificationMode {
    let point = this.random();
    for (const mode of ['twice', 'never', 'late'] as const) {
      point -= this.chances[mode] ?? 0;
      if (point < 0) return mode;
    }
    return 'once';
  }

  private sendLater(url: string, items: T[], ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.send(url, items);
    }, ms);
    this.timers.add(timer);
  }

  private async send(url: string, items: T[]): Promise<void> {
    const out = this.shape(url, items);
    const raw = JSON.stringify(out.body);
    let status: Delivery<B>['status'];
    try {
      const res = await fetch(out.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...out.headers?.(raw) },
        body: raw,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'error';
    }
    this.deliveries.push({ url: out.url, body: out.body, status });
    this.delivered.emit('delivery');
  }
}

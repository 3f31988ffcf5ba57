import { EventEmitter } from 'node:events';
import type { Pix } from './ledger.js';

/** How the next notifications are delivered: as a PSP should, or the ways real PSPs misbehave. */
export type WebhookMode = 'once' | 'twice' | 'never' | 'late';

/**
 * In `once` mode, the share (0..1) of notifications that are instead sent twice, lost, or sent late;
 * late ones go out `lateMs` later by themselves (absent: held until `release()`).
 */
export interface WebhookChances {
  twice?: number;
  never?: number;
  late?: number;
  lateMs?: number;
}

/** How many notifications each misbehaviour has hit so far. */
export type WebhookMisbehaviour = Record<Exclude<WebhookMode, 'once'>, number>;

export interface Delivery {
  url: string;
  body: { pix: Pix[] };
  status: number | 'error';
}

/**
 * Sends `{ pix: [...] }` to `{webhookUrl}/pix` (the spec's callback), keeping the registered URL's
 * query. Late notifications wait in `held` until `release()`; every attempt is kept in `deliveries`.
 */
export class WebhookSender {
  mode: WebhookMode = 'once';
  chances: WebhookChances = {};
  readonly deliveries: Delivery[] = [];
  readonly misbehaved: WebhookMisbehaviour = { twice: 0, never: 0, late: 0 };
  private readonly held: Array<{ url: string; pix: Pix[] }> = [];
  private readonly urls = new Map<string, string>();
  private readonly delivered = new EventEmitter();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `random` draws which notifications misbehave under `chances`. */
  constructor(private readonly random: () => number = Math.random) {}

  register(chave: string, webhookUrl: string): void {
    new URL(webhookUrl);
    this.urls.set(chave, webhookUrl);
  }

  registered(chave: string): string | undefined {
    return this.urls.get(chave);
  }

  remove(chave: string): boolean {
    return this.urls.delete(chave);
  }

  /** Notifies about these Pix (a payment, or a devolução that reached a final status). */
  async notify(chave: string, pix: Pix[]): Promise<void> {
    const url = this.urls.get(chave);
    if (!url) return;
    const snapshot = structuredClone(pix);
    const mode = this.mode === 'once' ? this.draw() : this.mode;
    if (mode !== 'once') this.misbehaved[mode] += 1;
    if (mode === 'never') return;
    if (mode === 'late') {
      if (this.mode === 'once' && this.chances.lateMs !== undefined) this.sendLater(url, snapshot, this.chances.lateMs);
      else this.held.push({ url, pix: snapshot });
      return;
    }
    await this.send(url, snapshot);
    if (mode === 'twice') await this.send(url, snapshot);
  }

  /** Stops the late notifications still waiting for their time; they are lost, as with a PSP gone down. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private draw(): WebhookMode {
    let point = this.random();
    for (const mode of ['twice', 'never', 'late'] as const) {
      point -= this.chances[mode] ?? 0;
      if (point < 0) return mode;
    }
    return 'once';
  }

  private sendLater(url: string, pix: Pix[], ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.send(url, pix);
    }, ms);
    this.timers.add(timer);
  }

  /** Delivers the held (late) notifications now, in one batch per webhook URL. */
  async release(): Promise<number> {
    const held = this.held.splice(0);
    const byUrl = new Map<string, Pix[]>();
    for (const { url, pix } of held) byUrl.set(url, [...(byUrl.get(url) ?? []), ...pix]);
    for (const [url, pix] of byUrl) await this.send(url, pix);
    return held.length;
  }

  /** Resolves once `count` deliveries in all have been attempted. */
  async waitForDeliveries(count: number, timeoutMs = 5000): Promise<Delivery[]> {
    if (this.deliveries.length >= count) return this.deliveries;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.delivered.off('delivery', check);
        reject(new Error(`only ${this.deliveries.length} of ${count} webhook deliveries within ${timeoutMs} ms`));
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

  private async send(webhookUrl: string, pix: Pix[]): Promise<void> {
    const target = new URL(webhookUrl);
    target.pathname = `${target.pathname.replace(/\/$/, '')}/pix`;
    const body = { pix };
    let status: Delivery['status'];
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'error';
    }
    this.deliveries.push({ url: target.toString(), body, status });
    this.delivered.emit('delivery');
  }
}

import { EventEmitter } from 'node:events';
import type { Pix } from './ledger.js';

/** How the next notifications are delivered: as a PSP should, or the ways real PSPs misbehave. */
export type WebhookMode = 'once' | 'twice' | 'never' | 'late';

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
  readonly deliveries: Delivery[] = [];
  private readonly held: Array<{ url: string; pix: Pix[] }> = [];
  private readonly urls = new Map<string, string>();
  private readonly delivered = new EventEmitter();

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
    if (this.mode === 'never') return;
    if (this.mode === 'late') {
      this.held.push({ url, pix: snapshot });
      return;
    }
    await this.send(url, snapshot);
    if (this.mode === 'twice') await this.send(url, snapshot);
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

import type { NotificationSender, OutgoingNotification } from '../kit/index.js';
import type { Pix } from './ledger.js';

export type PixNotification = { pix: Pix[] };

/** The API Pix callback: `POST {webhookUrl}/pix` with `{ pix: [...] }`, keeping the registered URL's query. */
export function pixNotification(webhookUrl: string, pix: Pix[]): OutgoingNotification<PixNotification> {
  const target = new URL(webhookUrl);
  target.pathname = `${target.pathname.replace(/\/$/, '')}/pix`;
  return { url: target.toString(), body: { pix } };
}

/** The webhook each receiving key (chave) registered, and its notifications about payments and devoluções. */
export class PixWebhooks {
  private readonly urls = new Map<string, string>();

  constructor(readonly sender: NotificationSender<Pix, PixNotification>) {}

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

  /** Notifies the key's webhook, if it has one, about these Pix (a payment, or a devolução that reached a final status). */
  async notify(chave: string, pix: Pix[]): Promise<void> {
    const url = this.urls.get(chave);
    if (url) await this.sender.notify(url, pix);
  }
}

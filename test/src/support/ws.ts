import { isOrderEvent, type LiveEvent, type ServerMessage, type TillgateEvent } from '@tillgate/sdk/protocol';
import WebSocket from 'ws';

/** A WebSocket client that records every frame and can wait for one. */
export class WsClient {
  readonly messages: ServerMessage[] = [];
  private waiters: Array<() => void> = [];
  /** The close code and reason, once the socket has closed. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()) as ServerMessage);
      for (const w of this.waiters) w();
    });
  }

  /** `headers`: for a panel session, its `cookie`. */
  static async open(url: string, query: string, headers: Record<string, string> = {}): Promise<WsClient> {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/ws?${query}`, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WsClient(socket);
  }

  /** The HTTP status the upgrade was refused with. */
  static refusal(url: string, query: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/ws?${query}`, { headers });
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => reject(new Error('upgrade was accepted')));
      socket.once('error', () => {});
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  async subscribe(topic: string, afterSeq?: number): Promise<number> {
    const before = this.messages.length;
    this.send({ op: 'subscribe', topic, ...(afterSeq === undefined ? {} : { after_seq: afterSeq }) });
    const m = await this.waitFor(
      (msg, i) =>
        i >= before && (msg.op === 'subscribed' || msg.op === 'error') && 'topic' in msg && msg.topic === topic,
    );
    if (m.op !== 'subscribed') throw new Error(`subscribe ${topic} failed: ${JSON.stringify(m)}`);
    return m.seq;
  }

  /** The order and refund events received, of one topic or all. */
  events(topic?: string): TillgateEvent[] {
    return this.liveEvents(topic).filter(isOrderEvent);
  }

  /** Every event received, a sales file's progress included. */
  liveEvents(topic?: string): LiveEvent[] {
    return this.messages.flatMap((m) => (m.op === 'event' && (!topic || m.topic === topic) ? [m.event] : []));
  }

  waitFor(match: (m: ServerMessage, index: number) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.messages.findIndex(match);
        if (i < 0) return false;
        cleanup();
        resolve(this.messages[i] as ServerMessage);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${this.messages.length} frames`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      const waiter = () => void check();
      if (!check()) this.waiters.push(waiter);
    });
  }

  waitForEvent(match: (e: TillgateEvent) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    return this.waitFor((m) => m.op === 'event' && isOrderEvent(m.event) && match(m.event), timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}

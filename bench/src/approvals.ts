import type { ServerMessage } from '@tillgate/sdk/protocol';
import WebSocket from 'ws';

/**
 * A WebSocket subscriber of one topic (a till, an order) that notes when each order's `order.approved` frame arrives,
 * so a payer can await the frame of the order it just paid.
 */
export class ApprovalWatcher {
  private readonly arrived = new Map<string, number>();
  private readonly waiting = new Map<string, (at: number) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const at = performance.now();
      const m = JSON.parse(raw.toString()) as ServerMessage;
      if (m.op !== 'event' || m.event.type !== 'order.approved') return;
      const id = m.event.data.order.id;
      const waiter = this.waiting.get(id);
      if (waiter) waiter(at);
      else this.arrived.set(id, at);
    });
  }

  static async open(url: string, token: string, topic: string): Promise<ApprovalWatcher> {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/ws?access_token=${encodeURIComponent(token)}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const answer = new Promise<ServerMessage>((resolve) =>
      socket.once('message', (raw) => resolve(JSON.parse(raw.toString()) as ServerMessage)),
    );
    socket.send(JSON.stringify({ op: 'subscribe', topic }));
    const reply = await answer;
    if (reply.op !== 'subscribed') throw new Error(`subscribe ${topic}: ${JSON.stringify(reply)}`);
    return new ApprovalWatcher(socket);
  }

  /** When (performance.now()) the approval of `orderId` arrived; rejects after `timeoutMs`. */
  approvalOf(orderId: string, timeoutMs = 10_000): Promise<number> {
    const already = this.arrived.get(orderId);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no order.approved for ${orderId}`)), timeoutMs);
      this.waiting.set(orderId, (at) => {
        clearTimeout(timer);
        this.waiting.delete(orderId);
        resolve(at);
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}

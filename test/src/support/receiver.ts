import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  signature: string;
  validSignature: boolean;
}

/** A real webhook receiver on loopback whose answer to each request the test decides. */
export class Receiver {
  readonly received: Received[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /**
   * `answer(n)` decides the n-th request (1-based): its status and headers, how long to wait before
   * answering, or to close the connection without an answer.
   */
  static async start(
    secret: () => string | undefined,
    answer: (n: number) => { status: number; headers?: Record<string, string>; delayMs?: number; hangUp?: boolean },
  ): Promise<Receiver> {
    let count = 0;
    const server = createServer(async (req, res) => {
      const body = await readBody(req);
      const signature = String(req.headers['tillgate-signature'] ?? '');
      receiver.received.push({ body, signature, validSignature: verify(signature, body, secret()) });
      const { status, headers, delayMs, hangUp } = answer(++count);
      if (hangUp) return req.socket.destroy();
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (!res.destroyed) res.writeHead(status, headers).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new Receiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    return receiver;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A URL on loopback where nothing listens. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

function verify(header: string, body: string, secret: string | undefined): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || !secret) return false;
  return createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex') === m[2];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a provider's emulator sent: its exact bytes and headers, as an adapter verifies them. */
export interface ReceivedNotification {
  headers: Record<string, string>;
  raw: Buffer;
}

export interface NotificationInbox {
  /** Where the emulator is told to notify. */
  readonly url: string;
  readonly received: readonly ReceivedNotification[];
  /** Resolves with the `count`-th request once it has arrived. */
  next(count: number): Promise<ReceivedNotification>;
  close(): Promise<void>;
}

/**
 * A loopback endpoint standing for the gateway's notification route in tests that drive an adapter
 * against its emulator directly: it keeps each request and answers `status`.
 */
export async function notificationInbox(path = '/webhook', status = 204): Promise<NotificationInbox> {
  const received: ReceivedNotification[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: flat(req.headers), raw: Buffer.concat(chunks) });
      res.writeHead(status).end();
      for (const wake of waiting.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    async next(count) {
      while (received.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
      return received[count - 1] as ReceivedNotification;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const flat = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));

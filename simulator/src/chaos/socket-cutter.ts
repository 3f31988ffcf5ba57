import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the gateway for the till watchers, which drops their WebSocket connections on
 * demand, as a flaky network does: the SDK must reconnect and resume from its last seq.
 */
export class SocketCutter {
  /** WebSocket connections cut so far. */
  cuts = 0;
  private readonly webSockets = new Set<Socket>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<SocketCutter> {
    const { hostname, port } = new URL(target);
    const upstreamPort = Number(port || 80);
    let cutter: SocketCutter | undefined;
    const server = createServer((client) => {
      cutter?.sockets.add(client);
      client.once('close', () => cutter?.sockets.delete(client));
      const upstream = connect(upstreamPort, hostname.replace(/^\[|\]$/g, ''));
      client.once('data', (first) => {
        if (/^upgrade:\s*websocket/im.test(first.toString('latin1'))) cutter?.track(client);
      });
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cutter = new SocketCutter(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return cutter;
  }

  /** Drops every open WebSocket connection at once. */
  cutAll(): number {
    const open = [...this.webSockets];
    for (const socket of open) socket.destroy();
    this.cuts += open.length;
    return open.length;
  }

  /** Stops listening and drops every connection, the watchers' idle HTTP ones too. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.webSockets.add(socket);
    socket.once('close', () => this.webSockets.delete(socket));
  }
}

import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** One WebSocket frame as a client may (or, to test the gateway, may not) write it. */
export interface FrameSpec {
  payload: Buffer | string;
  opcode?: number;
  fin?: boolean;
  /** RSV1–3 as the three bits below FIN (0–7). */
  rsv?: number;
  /** Clients must mask; false writes the frame unmasked. */
  masked?: boolean;
}

export function frame({ payload, opcode = 1, fin = true, rsv = 0, masked = true }: FrameSpec): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const first = (fin ? 0x80 : 0) | (rsv << 4) | opcode;
  const maskBit = masked ? 0x80 : 0;
  const length =
    body.length < 126
      ? Buffer.from([first, maskBit | body.length])
      : body.length < 65_536
        ? Buffer.concat([Buffer.from([first, maskBit | 126]), u16(body.length)])
        : Buffer.concat([Buffer.from([first, maskBit | 127]), u64(body.length)]);
  if (!masked) return Buffer.concat([length, body]);
  const key = randomBytes(4);
  const data = Buffer.from(body.map((b, i) => b ^ (key[i % 4] as number)));
  return Buffer.concat([length, key, data]);
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

/** A WebSocket spoken byte by byte over a TCP socket, to send what a well-behaved client never would. */
export class RawWebSocket {
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  private readonly closed: Promise<{ code: number | undefined; reason: string }>;

  private constructor(readonly socket: Socket) {
    this.closed = new Promise((resolve) => {
      const settle = (code: number | undefined, reason: string) => resolve({ code, reason });
      socket.on('data', (chunk) => {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        const found = this.closeFrame();
        if (found) settle(found.code, found.reason);
      });
      socket.on('close', () => settle(undefined, 'the connection ended without a close frame'));
      socket.on('error', () => {});
    });
  }

  /** Opens `/v1/ws?<query>` and waits for the 101. */
  static async open(url: string, query: string): Promise<RawWebSocket> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const raw = new RawWebSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        socket.write(
          [
            `GET /v1/ws?${query} HTTP/1.1`,
            `Host: ${hostname}:${port}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
            'Sec-WebSocket-Version: 13',
            '',
            '',
          ].join('\r\n'),
        );
      });
      const check = () => {
        const end = raw.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', check);
        const head = raw.buffer.subarray(0, end).toString();
        raw.buffer = raw.buffer.subarray(end + 4);
        raw.upgraded = true;
        if (head.startsWith('HTTP/1.1 101')) resolve();
        else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
      };
      socket.on('data', check);
      socket.once('error', reject);
    });
    return raw;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The close code and reason the gateway sent, once it has. */
  closeCode(): Promise<{ code: number | undefined; reason: string }> {
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Reads the server's (unmasked) frames in the buffer up to a close frame. */
  private closeFrame(): { code: number; reason: string } | undefined {
    if (!this.upgraded) return undefined;
    let at = 0;
    while (this.buffer.length - at >= 2) {
      const opcode = (this.buffer[at] as number) & 0x0f;
      let length = (this.buffer[at + 1] as number) & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (this.buffer.length < at + 4) return undefined;
        length = this.buffer.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        if (this.buffer.length < at + 10) return undefined;
        length = Number(this.buffer.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (this.buffer.length < start + length) return undefined;
      if (opcode === 0x8) {
        const body = this.buffer.subarray(start, start + length);
        return { code: body.readUInt16BE(0), reason: body.subarray(2).toString() };
      }
      at = start + length;
    }
    return undefined;
  }
}

import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** One WebSocket frame as a client may (or may not) write it: RFC 6455 §5.2, every field ours to break. */
export interface FrameSpec {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload: Buffer;
  masked?: boolean;
}

export function encodeFrame({ fin = true, rsv = 0, opcode, payload, masked = true }: FrameSpec): Buffer {
  const head = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  if (payload.length < 126) head.push(maskBit | payload.length);
  else if (payload.length < 65_536) head.push(maskBit | 126, payload.length >> 8, payload.length & 0xff);
  else {
    head.push(maskBit | 127);
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(payload.length));
    head.push(...len);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([Buffer.from(head), mask, body]);
}

/** What the server wrote back: its text messages, and its close code if it closed. */
export interface ServerSide {
  texts: string[];
  closeCode?: number;
  ended: boolean;
}

/**
 * A WebSocket spoken by hand over a TCP socket to loopback, so malformed frames can be written; the server's
 * (unmasked) frames are read back as they come.
 */
export class RawWebSocket {
  readonly seen: ServerSide = { texts: [], ended: false };
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  private constructor(private readonly socket: Socket) {}

  static open(url: string, headers: Record<string, string>): Promise<RawWebSocket> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) });
      const ws = new RawWebSocket(socket);
      let handshake = Buffer.alloc(0);
      const onData = (d: Buffer) => {
        handshake = Buffer.concat([handshake, d]);
        const end = handshake.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        if (!handshake.subarray(0, 12).toString().includes('101')) return reject(new Error(handshake.toString()));
        socket.on('data', (chunk: Buffer) => ws.receive(chunk));
        ws.receive(handshake.subarray(end + 4));
        resolve(ws);
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.on('close', () => {
        ws.seen.ended = true;
        ws.wake();
      });
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(
        `GET /v1/ws HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    });
  }

  write(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Resolves when the server has written a text matching, closed, or ended the connection. */
  until(match: (text: string) => boolean, timeoutMs = 5000): Promise<ServerSide> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.seen.texts.some(match) || this.seen.closeCode !== undefined || this.seen.ended) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(this.seen);
          return true;
        }
        return false;
      };
      const timer = setTimeout(
        () => reject(new Error(`no answer within ${timeoutMs} ms: ${JSON.stringify(this.seen)}`)),
        timeoutMs,
      );
      if (!check()) this.waiters.push(check);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake() {
    for (const w of [...this.waiters]) w();
  }

  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) break;
      const opcode = (this.buffer[0] as number) & 0x0f;
      let length = (this.buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) break;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) break;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) break;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 0x1) this.seen.texts.push(payload.toString());
      if (opcode === 0x8) this.seen.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
    }
    this.wake();
  }
}

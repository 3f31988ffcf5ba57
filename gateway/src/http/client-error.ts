import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Problem } from '@tillgate/sdk/protocol';
import { problem } from '../services/errors.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' };

/**
 * What Node's HTTP parser refuses before express sees it (a URL or headers over 16 KiB, bytes that are not
 * HTTP) is still answered as a catalogued problem, like every other refusal, and the connection is closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const p: Problem =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? problem('headers_too_large', 'Send the URL and headers in at most 16 KiB')
        : problem('malformed_request', 'The request could not be read as HTTP/1.1');
    const body = JSON.stringify(p);
    socket.end(
      `HTTP/1.1 ${p.status} ${REASONS[p.status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

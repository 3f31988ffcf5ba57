import WebSocket from 'ws';
import type { OpenSocket } from '../live/socket.js';
import { WS_CLOSE } from '../protocol/events.js';

/** Node has no global WebSocket before v22, so the `ws` package; it can send the bearer as a header. */
export const openNodeSocket: OpenSocket = (url, credential, handlers) => {
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${credential.value}` } });
  let unauthorized = false;
  // Refused at the handshake (a 401 for a token this instance does not take, say). `ws` leaves such an answer
  // to this listener; `terminate` ends the handshake with 'close', where `req.destroy()` alone emitted none and
  // left the stream waiting forever instead of renewing its token and reconnecting.
  socket.on('unexpected-response', (_req, res) => {
    unauthorized = res.statusCode === 401;
    socket.terminate();
  });
  // Every failure is followed by 'close', which is where the stream reconnects.
  socket.on('error', () => {});
  socket.on('open', () => handlers.open());
  socket.on('message', (data) => handlers.message(String(data)));
  // 4401: the credentials ended (revoked, or the token expired); the stream renews them before reconnecting.
  socket.on('close', (code) => handlers.close({ unauthorized: unauthorized || code === WS_CLOSE.credentialsEnded }));
  return { send: (text) => socket.send(text), close: () => socket.close(1000) };
};

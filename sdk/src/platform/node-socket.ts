import WebSocket from 'ws';
import type { OpenSocket } from '../live/socket.js';

/** Node has no global WebSocket before v22, so the `ws` package; it can send the bearer as a header. */
export const openNodeSocket: OpenSocket = (url, credential, handlers) => {
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${credential.value}` } });
  let unauthorized = false;
  socket.on('unexpected-response', (req, res) => {
    unauthorized = res.statusCode === 401;
    req.destroy();
  });
  // Every failure is followed by 'close', which is where the stream reconnects.
  socket.on('error', () => {});
  socket.on('open', () => handlers.open());
  socket.on('message', (data) => handlers.message(String(data)));
  socket.on('close', () => handlers.close({ unauthorized }));
  return { send: (text) => socket.send(text), close: () => socket.close(1000) };
};

import type { OpenSocket } from '../live/socket.js';
import { WS_CLOSE } from '../protocol/events.js';

/** Browsers cannot set headers on a WebSocket, so the bearer travels in the query string. */
export const openBrowserSocket: OpenSocket = (url, credential, handlers) => {
  const target = new URL(url);
  target.searchParams.set(credential.kind, credential.value);
  const socket = new WebSocket(target);
  socket.onopen = () => handlers.open();
  socket.onmessage = (event) => handlers.message(String(event.data));
  socket.onclose = (event) => handlers.close({ unauthorized: event.code === WS_CLOSE.credentialsEnded });
  return { send: (text) => socket.send(text), close: () => socket.close(1000) };
};

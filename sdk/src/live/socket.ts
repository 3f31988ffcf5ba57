/** How a WebSocket presents the bearer; each platform has its own way. */
export interface SocketCredential {
  kind: 'access_token' | 'client_secret';
  value: string;
}

export interface SocketHandlers {
  open(): void;
  message(text: string): void;
  /**
   * `unauthorized` is true when the upgrade was refused with a 401 (browsers cannot tell, and say false) or
   * the gateway closed the socket with 4401 (credentials revoked or token expired).
   */
  close(info: { unauthorized: boolean }): void;
}

export interface LiveSocket {
  send(text: string): void;
  close(): void;
}

/** Opens a WebSocket: the `ws` package on Node, the native one in browsers. */
export type OpenSocket = (url: string, credential: SocketCredential, handlers: SocketHandlers) => LiveSocket;

/**
 * One WebSocket to `/v1/ws` for the whole panel, authenticated by the session cookie on the upgrade.
 * Each topic remembers the last seq it delivered; after a drop the connection comes back with backoff
 * and resubscribes with `after_seq`, so a view sees no gap and no duplicate.
 */
import { type LiveEvent, type Problem, type ServerMessage, type Topic, WS_CLOSE } from '@tillgate/sdk/protocol';

export interface TopicHandlers {
  /** The subscription is live (again); `seq` is the latest of the channel. */
  subscribed?(seq: number): void;
  event(e: LiveEvent): void;
  /** The events since the last seen are no longer kept: re-read the state over HTTP. */
  reset?(): void;
  error?(problem: Problem): void;
}

interface Subscription {
  handlers: Set<TopicHandlers>;
  lastSeq: number | undefined;
  live: boolean;
}

export type LinkState = 'connecting' | 'live' | 'offline';

const MAX_DELAY_MS = 15_000;

export class LiveConnection {
  private socket: WebSocket | undefined;
  private readonly topics = new Map<Topic, Subscription>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  state: LinkState = 'connecting';

  /**
   * `credentialsEnded` is asked when the gateway closes the socket because the session ended (4401): it
   * answers whether the session still holds (come back at once) or not (stay closed; the panel logs in again).
   */
  constructor(
    private readonly url: string,
    private readonly onState: (state: LinkState) => void = () => {},
    private readonly credentialsEnded: () => Promise<boolean> = async () => true,
  ) {
    this.open();
  }

  /** Watches a topic from `afterSeq` (or from now); returns the way to stop. */
  subscribe(topic: Topic, handlers: TopicHandlers, afterSeq?: number): () => void {
    let sub = this.topics.get(topic);
    if (!sub) {
      sub = { handlers: new Set(), lastSeq: afterSeq, live: false };
      this.topics.set(topic, sub);
      this.send(topic, sub);
    } else {
      // Shared with a view already watching: the events after `afterSeq` it has had are gone for this one, so it re-reads.
      const behind = afterSeq !== undefined && (sub.lastSeq === undefined || sub.lastSeq > afterSeq);
      if (behind) queueMicrotask(() => handlers.reset?.());
      if (sub.live) {
        const seq = sub.lastSeq ?? 0;
        queueMicrotask(() => handlers.subscribed?.(seq));
      }
    }
    sub.handlers.add(handlers);
    return () => {
      const current = this.topics.get(topic);
      if (!current) return;
      current.handlers.delete(handlers);
      if (current.handlers.size > 0) return;
      this.topics.delete(topic);
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ op: 'unsubscribe', topic }));
    };
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
  }

  private setState(state: LinkState): void {
    this.state = state;
    this.onState(state);
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.setState('live');
      for (const [topic, sub] of this.topics) this.send(topic, sub);
    };
    socket.onmessage = (m) => {
      this.attempt = 0;
      this.receive(JSON.parse(String(m.data)) as ServerMessage);
    };
    socket.onclose = (e) => {
      if (this.socket !== socket || this.closed) return;
      for (const sub of this.topics.values()) sub.live = false;
      this.setState('offline');
      if (e.code === WS_CLOSE.credentialsEnded) {
        // Retrying a session that ended would only be refused at each upgrade, with backoff, for ever.
        void this.credentialsEnded().then((holds) => {
          if (holds && !this.closed) this.open();
        });
        return;
      }
      const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  private send(topic: Topic, sub: Subscription): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    const resume = sub.lastSeq === undefined ? {} : { after_seq: sub.lastSeq };
    this.socket.send(JSON.stringify({ op: 'subscribe', topic, ...resume }));
  }

  private receive(message: ServerMessage): void {
    // The panel's cookie session needs no `auth` message; the gateway closes the socket when the session ends.
    if (message.op === 'authenticated') return;
    const sub = message.op === 'error' && !message.topic ? undefined : this.topics.get(message.topic as Topic);
    if (!sub) return;
    switch (message.op) {
      case 'subscribed':
        sub.lastSeq ??= message.seq;
        sub.live = true;
        for (const h of sub.handlers) h.subscribed?.(message.seq);
        return;
      case 'event':
        if (sub.lastSeq !== undefined && message.event.seq <= sub.lastSeq) return;
        sub.lastSeq = message.event.seq;
        for (const h of sub.handlers) h.event(message.event);
        return;
      case 'reset':
        sub.lastSeq = undefined;
        for (const h of sub.handlers) h.reset?.();
        return;
      case 'error':
        for (const h of sub.handlers) h.error?.(message.error);
        return;
    }
  }
}

export const liveUrl = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/ws`;

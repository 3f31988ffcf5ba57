import type { Principal } from '../services/accounts/principal.js';

/** What one caller may hold on `/v1/ws`; 0 turns a limit off. Beyond any of them the socket is closed with 1008. */
export interface WsLimits {
  /** Open sockets of one till, app, panel user or order client secret. */
  socketsPerCaller: number;
  /** Open sockets from one remote address (behind a proxy, every socket shares the proxy's). */
  socketsPerIp: number;
  /** Topics one socket follows at once. */
  subscriptionsPerSocket: number;
  /** Frames one socket may send in a second. */
  messagesPerSecond: number;
}

/** Generous: a till holds one socket, a panel tab one, an app one per till it follows. */
export const DEFAULT_WS_LIMITS: WsLimits = {
  socketsPerCaller: 1000,
  socketsPerIp: 2000,
  subscriptionsPerSocket: 100,
  messagesPerSecond: 50,
};

/** Who holds a socket, for counting; an order's client secret counts per order. */
export function callerKey(p: Principal): string {
  if (p.kind === 'order') return `order:${p.orderId}`;
  if (p.kind === 'till') return `till:${p.tillId}`;
  if (p.kind === 'app') return `app:${p.appName}`;
  return `user:${p.userId}`;
}

const within = (count: number, limit: number) => limit === 0 || count < limit;

/** Open sockets by caller and by address. */
export class SocketCounts {
  private readonly byCaller = new Map<string, number>();
  private readonly byIp = new Map<string, number>();

  constructor(private readonly limits: WsLimits) {}

  /** Counts a new socket in, or answers which limit it would break (and counts nothing). */
  admit(caller: string, ip: string): 'caller' | 'ip' | undefined {
    if (!within(this.byCaller.get(caller) ?? 0, this.limits.socketsPerCaller)) return 'caller';
    if (!within(this.byIp.get(ip) ?? 0, this.limits.socketsPerIp)) return 'ip';
    bump(this.byCaller, caller, 1);
    bump(this.byIp, ip, 1);
    return undefined;
  }

  release(caller: string, ip: string): void {
    bump(this.byCaller, caller, -1);
    bump(this.byIp, ip, -1);
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

/**
 * Frames per socket in a fixed one-second window of monotonic time (not the business clock: a test's
 * frozen clock must not freeze the window).
 */
export class MessageRate {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts one frame; false once the socket has sent more than its share in this second. */
  allow(): boolean {
    if (this.perSecond === 0) return true;
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count <= this.perSecond;
  }
}

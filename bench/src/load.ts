import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadResult {
  rate: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
}

export interface LoadOptions {
  /** Several URLs (instances of one gateway) share the connections round robin. */
  url: string | string[];
  path: string;
  connections: number;
  seconds?: number;
  /** A fixed number of requests instead of a duration. */
  amount?: number;
  token?: string;
  /** A fresh body per request, so no two orders share an order_ref. */
  body: () => object;
}

/** Drives one POST route with autocannon; failures are non-2xx answers and socket errors. */
export async function postLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    // autocannon takes several URLs (its README: "More than one URL is allowed"); its types say one.
    url: options.url as string,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        // A fresh Idempotency-Key per request, as the SDK sends on every write.
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify(options.body()),
        }),
      },
    ],
  });
  return {
    rate: result['2xx'] / (result.duration || 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** A sandbox order body with a fresh order_ref. */
export const orderBody = () => ({ order_ref: `B-${randomUUID()}`, wallet: 'mercadopago', amount: 1990 });

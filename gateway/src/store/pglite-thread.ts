import { Worker } from 'node:worker_threads';

interface Results {
  rows: unknown[];
  fields: unknown[];
  affectedRows?: number;
}

type Reply =
  | { id: number; result: Results | null }
  | { id: number; error: Record<string, unknown> & { message: string } };

/**
 * PGlite on a thread of its own, as the knex PGlite client sees its one connection (`waitReady`, `query`,
 * `close`): each query crosses to the thread and its rows come back (Dates, arrays and byte arrays as they
 * are). A database error comes back with its code and constraint, as the callers' checks read them.
 */
export class PgliteThread {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(r: Results | null): void; reject(e: Error): void }>();
  private nextId = 1;
  private stopped: Error | undefined;

  constructor(dataDir: string | undefined) {
    this.worker = new Worker(new URL('./pglite-thread.worker.mjs', import.meta.url), { workerData: { dataDir } });
    this.waitReady = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
      this.worker.once('exit', (code) =>
        reject(new Error(`the embedded database's thread exited (${code}) before it was ready`)),
      );
    });
    // Whoever connects awaits it; until then a failed start must not count as an unhandled rejection.
    this.waitReady.catch(() => undefined);
    this.worker.on('message', (reply: Reply | { ready: true }) => {
      if (!('id' in reply)) return;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(Object.assign(new Error(reply.error.message), reply.error));
      else waiting?.resolve(reply.result);
    });
    this.worker.on('error', (err) => this.stop(err));
    this.worker.on('exit', (code) => this.stop(new Error(`the embedded database's thread stopped (exit ${code})`)));
  }

  query(sql: string, params?: unknown[]): Promise<Results> {
    return this.send({ sql, params }) as Promise<Results>;
  }

  /**
   * A statement the thread prepares once under `name`, then only binds and runs (see the worker's `prepared`).
   * `autocommit`: a statement of its own, sent beside knex's one connection rather than through it, so it
   * queues in the thread instead of behind that connection's turn (it waits there only while a transaction
   * is open); callers outside a transaction need not wait for each other's round trips to this thread.
   */
  queryNamed(name: string, sql: string, params: unknown[], autocommit = false): Promise<Results> {
    return this.send({ name, sql, params, autocommit }) as Promise<Results>;
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    await this.send({ close: true });
  }

  private send(message: Record<string, unknown>): Promise<Results | null> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** The thread is gone: every query waiting on it fails, and so does every later one. */
  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
  }
}

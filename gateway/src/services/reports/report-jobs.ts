import type { EventDraft } from '../../store/events.js';
import {
  claimDueReport,
  clearChunks,
  deleteExpiredReports,
  finishReport,
  postponeReport,
  type ReportRecord,
  recordProgress,
  writeChunk,
} from '../../store/reports.js';
import { commitWithEvents } from '../commit.js';
import type { ServiceDeps } from '../deps.js';
import { chunkSink } from './chunk-sink.js';
import { reportView } from './report-view.js';
import { renderSalesFile } from './sales-file.js';

export interface ReportJobTiming {
  /** How long a claimed job is an instance's before another may take it over; progress renews it. */
  leaseMs?: number;
  /** Progress events at most this often, unless 5 % more rows are done. */
  progressEveryMs?: number;
  /** Attempts (a failed one, or one whose instance died) before a file is given up as failed. */
  maxAttempts?: number;
  /** The wait after a failed attempt, doubled after each. */
  retryBaseMs?: number;
}

class LeaseLost extends Error {}

/**
 * The `report.updated` event carrying a report's state; on the merchant topic, and on its store's when
 * it is of one store (named, or the only one its requester reaches), so a user limited to it sees it.
 */
export const reportEvent = (deps: ServiceDeps, r: ReportRecord): EventDraft => ({
  id: deps.ids('evt'),
  type: 'report.updated',
  orderId: null,
  storeId: r.filters.store_id ?? (r.scopeStoreIds?.length === 1 ? (r.scopeStoreIds[0] ?? null) : null),
  tillId: null,
  data: { report: reportView(r) },
});

/**
 * Generates sales files in the background: each instance claims a due job (SKIP LOCKED), writes the
 * file into the database in chunks while renewing its lease with each progress step, and ends it
 * ready. A failed attempt comes due again after a backoff, and a job whose instance died when its
 * lease runs out, up to `maxAttempts` in all, then it is failed; the attempt number keeps a
 * presumed-dead instance that wakes up from writing over its successor.
 */
export class ReportJobs {
  private readonly leaseMs: number;
  private readonly progressEveryMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;

  constructor(
    private readonly deps: ServiceDeps,
    timing: ReportJobTiming = {},
  ) {
    this.leaseMs = timing.leaseMs ?? 60_000;
    this.progressEveryMs = timing.progressEveryMs ?? 500;
    this.maxAttempts = timing.maxAttempts ?? 3;
    this.retryBaseMs = timing.retryBaseMs ?? 30_000;
  }

  /** Generates due files one after another until none is left; returns how many it ended. */
  async runDue(): Promise<number> {
    let done = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const job = await claimDueReport(this.deps.knex, now, this.leaseEnd());
      if (!job) return done;
      await this.generate(job);
      done++;
    }
  }

  /** Removes files past their 30 days. */
  async removeExpired(): Promise<number> {
    return deleteExpiredReports(this.deps.knex, this.deps.clock.now(), 500);
  }

  private leaseEnd = () => new Date(this.deps.clock.now().getTime() + this.leaseMs);

  private async generate(job: ReportRecord): Promise<void> {
    // A job that keeps killing its instance (or failing) ends here rather than being claimed for ever.
    if (job.attempts > this.maxAttempts) {
      this.deps.log.error({ reportId: job.id, attempts: job.attempts }, 'sales file given up');
      return this.finish(job, { status: 'failed', failureReason: 'generation_error', now: this.deps.clock.now() });
    }
    const started = this.deps.clock.now().getTime();
    let lastAt = started;
    let lastShare = 0;
    try {
      await clearChunks(this.deps.knex, job);
      const sink = chunkSink((seq, data) => writeChunk(this.deps.knex, job, seq, data));
      const { rows } = await renderSalesFile(
        this.deps,
        {
          merchantId: job.merchantId,
          environment: job.environment,
          storeIds: job.scopeStoreIds,
          timezone: job.timezone,
        },
        job.filters,
        job.format,
        sink,
        {
          onProgress: async (rowsDone, rowsTotal) => {
            const now = this.deps.clock.now().getTime();
            const share = rowsTotal === 0 ? 1 : rowsDone / rowsTotal;
            if (now - lastAt < this.progressEveryMs && share - lastShare < 0.05) return;
            lastAt = now;
            lastShare = share;
            await this.progress(job, rowsDone, rowsTotal);
          },
        },
      );
      await this.finish(job, { status: 'ready', rowsDone: rows, sizeBytes: sink.bytes(), now: this.deps.clock.now() });
      this.deps.log.info({ reportId: job.id, rows, ms: this.deps.clock.now().getTime() - started }, 'sales file ready');
    } catch (err) {
      if (err instanceof LeaseLost) return;
      const retry = job.attempts < this.maxAttempts;
      this.deps.log.error({ err, reportId: job.id, attempt: job.attempts, retry }, 'sales file failed');
      if (retry) await this.postpone(job);
      else await this.finish(job, { status: 'failed', failureReason: 'generation_error', now: this.deps.clock.now() });
    }
  }

  private async progress(job: ReportRecord, rowsDone: number, rowsTotal: number): Promise<void> {
    const key = { merchantId: job.merchantId, environment: job.environment };
    await commitWithEvents(this.deps, key, async (trx, events) => {
      const updated = await recordProgress(trx, job, { rowsDone, rowsTotal, leaseUntil: this.leaseEnd() });
      if (!updated) throw new LeaseLost();
      events.push(reportEvent(this.deps, updated));
    });
  }

  /** A failed attempt is tried again after 30 s, 60 s, …, the file starting over (a database hiccup, a restart). */
  private async postpone(job: ReportRecord): Promise<void> {
    const wait = this.retryBaseMs * 2 ** (job.attempts - 1);
    const key = { merchantId: job.merchantId, environment: job.environment };
    await commitWithEvents(this.deps, key, async (trx, events) => {
      const postponed = await postponeReport(trx, job, new Date(this.deps.clock.now().getTime() + wait));
      if (postponed) events.push(reportEvent(this.deps, postponed));
    });
  }

  private async finish(job: ReportRecord, end: Parameters<typeof finishReport>[2]): Promise<void> {
    const key = { merchantId: job.merchantId, environment: job.environment };
    await commitWithEvents(this.deps, key, async (trx, events) => {
      const ended = await finishReport(trx, job, end);
      if (ended) events.push(reportEvent(this.deps, ended));
    });
  }
}

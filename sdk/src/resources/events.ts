import { AutoPaginatingList } from '../pagination.js';
import type { EventType, Page, TillgateEvent } from '../protocol/index.js';
import type { RequestOptions } from '../transport/transport.js';
import type { Request } from './request.js';

export interface ListEventsParams {
  /** Start after this seq (0, the default, is the oldest kept). */
  after_seq?: number;
  type?: EventType;
  /** Events per page, up to 500. */
  limit?: number;
}

/** The event log: every state change, in seq order. A till sees its own, an app the whole merchant's. */
export class Events {
  constructor(private readonly request: Request) {}

  /**
   * @example
   * ```ts
   * for await (const event of tillgate.events.list({ after_seq: lastSeen })) lastSeen = await handle(event);
   * ```
   */
  list(params: ListEventsParams = {}, options?: RequestOptions): AutoPaginatingList<TillgateEvent> {
    return new AutoPaginatingList((cursor) =>
      this.request<Page<TillgateEvent>>(
        {
          method: 'GET',
          path: '/v1/events',
          // The page's next_cursor is the seq to continue after.
          query: { ...params, after_seq: cursor ?? params.after_seq },
          repeatable: true,
        },
        options,
      ),
    );
  }
}

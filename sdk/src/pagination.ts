import type { Page } from './protocol/index.js';

/**
 * A list that fetches its pages as you iterate: `for await` over the items, or over `pages()` to see
 * each page. Nothing is requested until iteration starts, and each iteration starts from the first page.
 *
 * @example
 * ```ts
 * for await (const order of tillgate.orders.list({ status: 'approved', limit: 100 })) total += order.amount;
 * ```
 */
export class AutoPaginatingList<T> implements AsyncIterable<T> {
  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {}

  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.fetchPage(cursor);
      yield page;
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item of every page, in order; for lists you know are short. */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

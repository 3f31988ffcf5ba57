/**
 * Group commit: writes that arrive while `lanes` statements are already in flight wait, and the next free
 * lane takes them together, up to `most`, as one statement (one round trip and one commit for all). A write
 * that finds a lane free goes at once, alone, so grouping never adds a wait; it forms only under load.
 */
export interface GroupedWritesOptions<T, R> {
  lanes: number;
  most: number;
  /** Writes the batch in one statement: each item's result, in the batch's order, or throws for all. */
  write(batch: readonly T[]): Promise<R[]>;
  /**
   * What an item must not share a statement with (unique keys it takes): an item whose name is in the batch
   * already waits for the next one, and so does anything after it of the same name, which keeps their order.
   */
  names(item: T): string[];
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export class GroupedWrites<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private inFlight = 0;

  constructor(private readonly options: GroupedWritesOptions<T, R>) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < this.options.lanes && this.waiting.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.next();
      });
    }
  }

  /** The oldest waiting items, up to `most`, no two of one name. */
  private take(): Waiting<T, R>[] {
    const batch: Waiting<T, R>[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < this.options.most; ) {
      const w = this.waiting[i] as Waiting<T, R>;
      const names = this.options.names(w.item);
      const clashes = names.some((name) => taken.has(name));
      for (const name of names) taken.add(name);
      if (clashes) {
        i++;
        continue;
      }
      batch.push(w);
      this.waiting.splice(i, 1);
    }
    return batch;
  }

  /**
   * One statement for the batch. One item can fail it for all (a unique key a concurrent statement took),
   * and then nothing of it was written: each item is written again alone, so each meets its own result or
   * error, as without grouping.
   */
  private async write(batch: Waiting<T, R>[]): Promise<void> {
    const alone = (w: Waiting<T, R>) =>
      this.options.write([w.item]).then(([result]) => w.resolve(result as R), w.reject);
    if (batch.length === 1) return alone(batch[0] as Waiting<T, R>);
    try {
      const results = await this.options.write(batch.map((w) => w.item));
      for (const [i, w] of batch.entries()) w.resolve(results[i] as R);
    } catch {
      await Promise.all(batch.map(alone));
    }
  }
}

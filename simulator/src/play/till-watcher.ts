import type { EventStream, Tillgate, TillgateEvent } from '@tillgate/sdk';

/** A till's live event stream through the SDK, recording every event it yields, in arrival order. */
export class TillWatcher {
  readonly received: TillgateEvent[] = [];
  private readonly controller = new AbortController();
  private readonly stream: EventStream;
  private readonly done: Promise<void>;

  constructor(
    readonly tillId: string,
    client: Tillgate,
    onEvent?: (event: TillgateEvent) => void,
  ) {
    const stream = client.watch({ till: tillId }, { signal: this.controller.signal });
    this.stream = stream;
    // Closing aborts the iteration; that rejection is the normal end.
    this.done = (async () => {
      for await (const event of stream) {
        this.received.push(event);
        onEvent?.(event);
      }
    })().catch(() => {});
  }

  /** Resolves once every later event of the till will be delivered. */
  ready(): Promise<void> {
    return this.stream.ready;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}

/**
 * Which events were handled. The gateway delivers an event again until it gets a 2xx (and a network can
 * duplicate a delivery), so the receiver claims each event id before applying it. In production this
 * lives in your database, written in the same transaction that applies the event.
 */
export class HandledEvents {
  private readonly ids = new Set<string>();

  /** True for the first claim of an id; false for every later delivery of the same event. */
  claim(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    return true;
  }

  /** Gives the id back after a failed apply, so the gateway's next delivery tries again. */
  release(id: string): void {
    this.ids.delete(id);
  }
}

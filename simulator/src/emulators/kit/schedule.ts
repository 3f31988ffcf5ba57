/**
 * What a provider does a while after answering (a refund the banks settle later): run after `ms`, or at
 * once when `ms` is 0 (the demo settles before answering); `clear()` drops what is still waiting, as a
 * provider gone down would.
 */
export class Schedule {
  private readonly timers = new Set<NodeJS.Timeout>();

  after(ms: number, run: () => void): void {
    if (ms <= 0) {
      run();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

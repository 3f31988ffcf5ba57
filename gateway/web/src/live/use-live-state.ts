import { isOrderEvent, type TillgateEvent, type Topic } from '@tillgate/sdk/protocol';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import type { LiveConnection } from './connection.js';

/**
 * State read over HTTP once and kept current by one topic's events. The read answers the event log's `seq`
 * it was taken at, and the subscription starts from there (`after_seq`): the gateway replays what happened
 * since, so nothing is missed and nothing needs a second read. Events that arrive while a read is in flight
 * wait and are applied to its result, and an event the state already holds (seq at or below it) is dropped.
 * `apply` answers undefined when the event needs a fresh read (a till the board does not know yet).
 */
export function useLiveState<S extends { seq: number }>(
  live: LiveConnection,
  topic: Topic | undefined,
  load: (() => Promise<S>) | undefined,
  apply: (state: S, event: TillgateEvent) => S | undefined,
  deps: unknown[],
): { state: S | undefined; error: ApiError | undefined; set(state: S): void } {
  const [state, setState] = useState<S>();
  const [error, setError] = useState<ApiError>();
  const current = useRef<S>();
  const set = (next: S) => {
    current.current = next;
    setState(next);
  };

  // A layout effect, so the read starts with the render instead of a frame later (time to the first tile).
  useLayoutEffect(() => {
    if (!load) return;
    let closed = false;
    let generation = 0;
    let waiting: TillgateEvent[] | undefined;
    /** The last seq the state holds: events up to it are already in it. */
    let seen = 0;
    let stop: (() => void) | undefined;
    current.current = undefined;
    setState(undefined);

    const onEvent = (e: TillgateEvent) => {
      if (waiting) return void waiting.push(e);
      if (!current.current || e.seq <= seen) return;
      seen = e.seq;
      const next = apply(current.current, e);
      if (next === undefined) read();
      else set(next);
    };
    const read = () => {
      const mine = ++generation;
      waiting ??= [];
      load().then(
        (fresh) => {
          if (closed || mine !== generation) return;
          const later = (waiting ?? []).filter((e) => e.seq > fresh.seq);
          seen = Math.max(fresh.seq, ...later.map((e) => e.seq));
          waiting = undefined;
          setError(undefined);
          set(later.reduce((s, e) => apply(s, e) ?? s, fresh));
          if (topic)
            stop ??= live.subscribe(topic, { event: (e) => isOrderEvent(e) && onEvent(e), reset: read }, fresh.seq);
        },
        (err: ApiError) => {
          if (closed || mine !== generation) return;
          waiting = undefined;
          setError(err);
        },
      );
    };
    read();
    return () => {
      closed = true;
      stop?.();
    };
  }, deps);

  return { state, error, set };
}

import { isOrderEvent, type TillgateEvent, type Topic } from '@tillgate/sdk/protocol';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import type { LiveConnection } from './connection.js';

/**
 * State read over HTTP and kept current by one topic's events. The read happens at once (a quick first
 * paint) and again when the subscription goes live, so nothing committed between the two is missed;
 * events that arrive while a read is in flight wait and are applied to its result, in seq order.
 * `apply` answers undefined when the event needs a fresh read (a till the board does not know yet).
 */
export function useLiveState<S>(
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

  // A layout effect, so the first read starts with the render instead of a frame later (time to the first tile).
  useLayoutEffect(() => {
    if (!load) return;
    let closed = false;
    let generation = 0;
    let waiting: TillgateEvent[] | undefined;
    current.current = undefined;
    setState(undefined);

    const reload = () => {
      const mine = ++generation;
      waiting ??= [];
      load().then(
        (fresh) => {
          if (closed || mine !== generation) return;
          const next = (waiting ?? []).reduce((s, e) => apply(s, e) ?? s, fresh);
          waiting = undefined;
          setError(undefined);
          set(next);
        },
        (err: ApiError) => {
          if (closed || mine !== generation) return;
          waiting = undefined;
          setError(err);
        },
      );
    };
    reload();

    let wentLive = false;
    const stop = topic
      ? live.subscribe(topic, {
          subscribed: () => {
            if (wentLive) return;
            wentLive = true;
            reload();
          },
          event: (e) => {
            if (!isOrderEvent(e)) return;
            if (waiting) return void waiting.push(e);
            if (!current.current) return;
            const next = apply(current.current, e);
            if (next === undefined) reload();
            else set(next);
          },
          reset: reload,
        })
      : undefined;
    return () => {
      closed = true;
      stop?.();
    };
  }, deps);

  return { state, error, set };
}

import { useEffect, useState } from 'preact/hooks';

/** The time now, refreshed every `everyMs` (countdowns, idle markers). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';

/** Runs one request at a time for a form or button and keeps its error for display. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'internal_error', String(err)));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/**
 * Keeps only the newest call's answer: an answer that a later call overtook resolves to undefined. A list
 * loaded again (its filter changed, or after an edit) then shows the newest answer, never a slower older one
 * that arrived last.
 */
export function useNewest() {
  const last = useRef(0);
  return <T>(answer: Promise<T | undefined>): Promise<T | undefined> => {
    const call = ++last.current;
    return answer.then((value) => (call === last.current ? value : undefined));
  };
}

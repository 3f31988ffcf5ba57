import { useState } from 'preact/hooks';
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

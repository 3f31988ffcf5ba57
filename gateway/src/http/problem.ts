import type { Problem } from '@tillgate/sdk/protocol';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { safeError } from '../log.js';
import { ApiError, problem } from '../services/errors.js';

export function sendProblem(res: Response, p: Problem, headers: Record<string, string> = {}): void {
  res.status(p.status).set(headers).type('application/problem+json').send(JSON.stringify(p));
}

/** What the body parsers mark as the client's fault (a 4xx), as opposed to ours. */
function isClientError(err: unknown): boolean {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** body-parser's failures carry a `type`; everything else that is not ours is a 500 with no details. */
export const errorHandler =
  (log: Logger): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const { body, headers } = problemOf(err, req, res, log);
    sendProblem(res, body, headers);
  };

/** The problem an error thrown while answering `req` is, logged when it is ours (a 500). */
export function problemOf(
  err: unknown,
  req: Request,
  res: Response,
  log: Logger,
): { body: Problem; headers?: Record<string, string> | undefined } {
  const requestId = res.locals.requestId as string | undefined;
  const answer = (body: Problem) => ({ body });
  if (err instanceof ApiError)
    return { body: problem(err.code, err.detail, err.errors, requestId), headers: err.headers };
  // The router decodes path segments before any route runs; one that is not UTF-8 percent-encoding fails there.
  if (err instanceof URIError && isClientError(err)) {
    const detail = 'A path segment is not valid percent-encoded UTF-8';
    return answer(problem('invalid_id', detail, undefined, requestId));
  }
  const parserType = (err as { type?: string }).type;
  if (parserType === 'entity.parse.failed')
    return answer(problem('malformed_json', 'The body is not valid JSON', undefined, requestId));
  if (parserType === 'entity.too.large') {
    const limit = (err as { limit: number }).limit;
    const size = limit >= 1 << 20 ? `${limit / (1 << 20)} MiB` : `${limit / 1024} KiB`;
    return answer(problem('payload_too_large', `The body is larger than ${size}`, undefined, requestId));
  }
  if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported') {
    return answer(problem('unsupported_media_type', 'Send UTF-8 JSON', undefined, requestId));
  }
  // The body parsers inflate gzip, deflate and br; a body that is not what its header says fails in zlib.
  if (isClientError(err) && (req.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity') {
    const detail = `The body is not valid ${req.get('content-encoding')}`;
    return answer(problem('invalid_content_encoding', detail, undefined, requestId));
  }
  if (isClientError(err) && parserType)
    return answer(problem('malformed_json', 'The body could not be read', undefined, requestId));
  // Serialized here too, so whatever logger is injected never receives the query's values.
  log.error({ err: safeError(err), request_id: requestId, method: req.method, path: req.path }, 'unhandled error');
  return answer(
    problem('internal_error', 'Something went wrong on our side; it has been logged', undefined, requestId),
  );
}

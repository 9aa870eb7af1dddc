// Application errors (app/errors.ts) mapped to HTTP answers: the only place that does it.
import type { ErrorRequestHandler, Request } from 'express';
import { AppError, type ErrorCode } from '../app/errors.ts';
import type { Logger } from '../jobs/logger.ts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_A_FEED: 400,
  FEED_UNREACHABLE: 400,
  UNSUPPORTED_MEDIA: 415,
  PAYLOAD_TOO_LARGE: 413,
  BAD_JSON: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
};

interface BodyParserError {
  code?: string;
  type?: string;
  status?: number;
  expose?: boolean;
}

function fromBodyParser(err: BodyParserError): AppError | null {
  if (err.code === 'EBADCSRFTOKEN') return new AppError('FORBIDDEN', 'this form has expired or did not come from this casewatch; reload the page and try again');
  if (err.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'request body is too large');
  if (err.type === 'entity.parse.failed') return new AppError('BAD_JSON', 'request body is not valid JSON');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') return new AppError('UNSUPPORTED_MEDIA', 'unsupported request body encoding');
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return new AppError('VALIDATION', 'the request could not be read');
  return null;
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err && typeof err === 'object') return fromBodyParser(err as BodyParserError);
  return null;
}

export const statusOf = (e: AppError) => STATUS[e.code];

const wantsJson = (req: Request) => req.path.startsWith('/api/') || req.path === '/api' || !req.accepts('html');

/** JSON under /api, a short HTML page elsewhere; unexpected errors are logged and answered 500. */
export function errorHandler(log: Logger, renderError: (status: number, message: string) => string): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err);
    const status = appErr ? statusOf(appErr) : 500;
    const message = appErr ? appErr.message : 'internal error';
    if (!appErr) log.error({ err, path: req.path }, 'request failed');
    if (res.headersSent) return res.end();
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="casewatch"');
    if (wantsJson(req)) res.status(status).json({ error: message, ...(appErr?.details ? { details: appErr.details } : {}) });
    else res.status(status).type('html').send(renderError(status, message));
  };
}

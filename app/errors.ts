// Application errors with stable codes, and the zod helpers that turn a bad input into one. server/errors.ts maps
// them to HTTP answers; the CLI prints their message.
import { z } from 'zod';

export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'NOT_A_FEED' | 'FEED_UNREACHABLE' | 'UNSUPPORTED_MEDIA' | 'PAYLOAD_TOO_LARGE' | 'BAD_JSON' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'RATE_LIMITED';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}

/** `prefix` names the value itself (a path parameter such as "storyId"); fields inside it are appended. */
export function zodDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((i) => {
    // An unknown field's path is the field itself, so a client sees which one to drop.
    const at = i.code === 'unrecognized_keys' ? [...i.path.map(String), i.keys[0]!] : i.path.map(String);
    const path = [prefix, ...at].filter(Boolean).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}`;
    return { path: path || '(body)', message };
  });
}

/** Parses or throws a 400 whose message names the first bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string, prefix = ''): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = zodDetails(r.error, prefix);
  const first = details[0]!;
  throw new AppError('VALIDATION', `invalid ${where}: ${first.path === '(body)' ? '' : `${first.path} `}${first.message}`.trim(), details);
}

// CSRF protection for HTML forms: double-submit cookie (csrf-csrf) with the token in a hidden `_csrf` field.
import type { Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { instanceSecret } from '../db/auth.ts';
import type { Auth } from './auth.ts';
import type { AppContext } from '../app/context.ts';

/** The one-click unsubscribe POST (RFC 8058) is identified by the token in its URL; mail clients send no form token. */
const EXEMPT = [/^\/unsubscribe\/[^/]+$/];

export interface Csrf {
  protect: RequestHandler;
  token: (req: Request, res: Response) => string;
}

export function createCsrf(ctx: AppContext, auth: Auth): Csrf {
  const secret = instanceSecret(ctx.db);
  const https = ctx.config.baseUrl.startsWith('https:');
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => auth.sessionId(req),
    cookieName: https ? '__Host-cw_csrf' : 'cw_csrf',
    cookieOptions: { sameSite: 'strict', secure: https, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const v = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof v === 'string' ? v : undefined;
    },
    skipCsrfProtection: (req) => req.path.startsWith('/api/') || EXEMPT.some((re) => re.test(req.path)),
  });
  return {
    // Once checked, the token is taken out of the body so form schemas see only their own fields.
    protect: (req, res, next) =>
      doubleCsrfProtection(req, res, (err?: unknown) => {
        if (!err && req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
        next(err);
      }),
    token: (req, res) => generateCsrfToken(req, res),
  };
}

/**
 * Makes the token available to every page as res.locals.csrf, made (and its cookie set) only when a page
 * reads it: a page without forms, such as a cached timeline without a review queue, costs no token. The
 * JSON API renders no forms and never reads it.
 */
export function exposeCsrfToken(csrf: Csrf): RequestHandler {
  return (req, res, next) => {
    let token: string | undefined;
    Object.defineProperty(res.locals, 'csrf', { enumerable: true, configurable: true, get: () => (token ??= csrf.token(req, res)) });
    next();
  };
}

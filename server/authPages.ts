// Login, logout and the settings page (API tokens); login attempts are rate limited.
import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { deleteApiToken, insertApiToken, listApiTokens } from '../db/auth.ts';
import { toTokenView } from '../app/tokenView.ts';
import { loginPage, settingsPage } from '../views/pages/auth.ts';
import { hashToken, safeNext, type Auth } from './auth.ts';
import type { AppContext } from '../app/context.ts';
import { AppError, notFound, parseOr400 } from '../app/errors.ts';
import { idSchema } from '../app/schemas.ts';

const field = (req: Request, name: string) => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

export function authRouter(ctx: AppContext, auth: Auth, csrfToken: (req: Request, res: import('express').Response) => string): Router {
  const r = Router();
  // Keyed by req.ip: the client's own address, or with TRUST_PROXY the one the trusted proxy reports.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    // Its configuration hints (e.g. X-Forwarded-For seen while TRUST_PROXY is off) go to our log, not the console.
    logger: ctx.log,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'too many login attempts; wait 15 minutes and try again')),
  });

  r.get('/login', (req, res) => {
    if (!auth.enabled) return res.redirect(303, '/');
    res.type('html').send(loginPage({ next: safeNext(req.query.next), csrf: csrfToken(req, res) }));
  });
  r.post('/login', loginLimiter, (req, res) => {
    const next = safeNext(field(req, 'next'));
    if (!auth.enabled) return res.redirect(303, next);
    if (!auth.checkPassword(field(req, 'password').slice(0, 1000))) {
      ctx.log.warn({ ip: req.ip }, 'failed login');
      res.status(401).type('html').send(loginPage({ next, error: 'That password is not right.', csrf: csrfToken(req, res) }));
      return;
    }
    auth.startSession(res);
    res.redirect(303, next);
  });
  r.post('/logout', (req, res) => {
    auth.endSession(req, res);
    res.redirect(303, auth.enabled ? '/login' : '/');
  });

  r.get('/settings', (req, res) => {
    res.type('html').send(settingsPage({ tokens: listApiTokens(ctx.db).map(toTokenView), loginEnabled: auth.enabled, csrf: csrfToken(req, res) }));
  });
  r.post('/settings/tokens', (req, res) => {
    const name = field(req, 'name').trim();
    if (!name || name.length > 100) {
      res.status(400).type('html').send(settingsPage({ tokens: listApiTokens(ctx.db).map(toTokenView), loginEnabled: auth.enabled, error: 'Give the token a name of 1 to 100 characters.', csrf: csrfToken(req, res) }));
      return;
    }
    const token = `cw_${randomBytes(24).toString('base64url')}`;
    insertApiToken(ctx.db, name, hashToken(token), ctx.now());
    res.status(201).type('html').send(settingsPage({ tokens: listApiTokens(ctx.db).map(toTokenView), loginEnabled: auth.enabled, created: { name, token }, csrf: csrfToken(req, res) }));
  });
  r.post('/settings/tokens/:id/delete', (req, res) => {
    if (!deleteApiToken(ctx.db, parseOr400(idSchema, req.params.id, 'path', 'id'))) throw notFound('token');
    res.redirect(303, '/settings');
  });
  return r;
}

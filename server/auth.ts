// Login (ADMIN_PASSWORD), session cookies, API tokens, and the gate in front of every non-public route.
import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { caseById } from '../db/cases.ts';
import { deleteSession, insertSession, instanceSecret, sessionIsLive, useApiToken } from '../db/auth.ts';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';

export const SESSION_COOKIE = 'cw_session';
const SESSION_DAYS = 30;

export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

/** The plain password is hashed once at start and not kept. */
export function hashPassword(password: string, salt = randomBytes(16)): PasswordHash {
  return { salt, hash: scryptSync(password, salt, 32) };
}

export function passwordMatches(stored: PasswordHash, attempt: string): boolean {
  const h = scryptSync(attempt, stored.salt, 32);
  return timingSafeEqual(h, stored.hash);
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Auth {
  enabled: boolean;
  /** True when the request carries a valid session cookie or API token. */
  isAuthenticated(req: Request): boolean;
  checkPassword(attempt: string): boolean;
  startSession(res: Response): void;
  /** Deletes the request's session on the server (a copied cookie stops working) and clears the cookie. */
  endSession(req: Request, res: Response): void;
  sessionId(req: Request): string;
}

export function createAuth(ctx: AppContext, password: PasswordHash | null): Auth {
  const secret = instanceSecret(ctx.db);
  const secure = ctx.config.baseUrl.startsWith('https:');
  // Changing ADMIN_PASSWORD signs everyone out: the password hash is part of the signing key.
  const key = password ? createHmac('sha256', secret).update(password.hash).digest() : Buffer.from(secret);
  const sign = (value: string) => createHmac('sha256', key).update(`session:${value}`).digest('base64url');

  /** The session's nonce when the cookie is signed by us and not expired; the server row is checked apart. */
  const signedNonce = (req: Request): string | null => {
    const raw = req.cookies?.[SESSION_COOKIE];
    if (typeof raw !== 'string') return null;
    const [expires, nonce, mac] = raw.split('.');
    if (!expires || !nonce || !mac || !/^\d+$/.test(expires) || Number(expires) < ctx.now().getTime()) return null;
    const expected = Buffer.from(sign(`${expires}.${nonce}`));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? nonce : null;
  };
  const validSession = (req: Request): boolean => {
    const nonce = signedNonce(req);
    return nonce !== null && sessionIsLive(ctx.db, hashToken(nonce), ctx.now());
  };

  const validBearer = (req: Request): boolean => {
    const h = req.headers.authorization;
    if (!h || !/^Bearer\s+\S+$/i.test(h)) return false;
    return useApiToken(ctx.db, hashToken(h.replace(/^Bearer\s+/i, '').trim()), ctx.now()) !== null;
  };

  return {
    enabled: password !== null,
    isAuthenticated: (req) => password === null || validSession(req) || validBearer(req),
    checkPassword: (attempt) => password !== null && passwordMatches(password, attempt),
    startSession(res) {
      const expires = ctx.now().getTime() + SESSION_DAYS * 86_400_000;
      const nonce = randomBytes(12).toString('base64url');
      insertSession(ctx.db, hashToken(nonce), new Date(expires), ctx.now());
      res.cookie(SESSION_COOKIE, `${expires}.${nonce}.${sign(`${expires}.${nonce}`)}`, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_DAYS * 86_400_000 });
    },
    endSession(req, res) {
      const nonce = signedNonce(req);
      if (nonce !== null) deleteSession(ctx.db, hashToken(nonce));
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    },
    sessionId: (req) => (typeof req.cookies?.[SESSION_COOKIE] === 'string' ? req.cookies[SESSION_COOKIE] : 'anonymous'),
  };
}

/** Routes anyone may reach: health, static files, login, the token links in emails. */
const PUBLIC: RegExp[] = [/^\/api\/health$/, /^\/static\//, /^\/login$/, /^\/confirm\/[^/]+$/, /^\/unsubscribe\/[^/]+$/, /^\/favicon\.ico$/];
const PUBLIC_FEED = /^\/cases\/(\d{1,15})\/feed\.atom$/;

export function isPublicPath(ctx: AppContext, method: string, path: string): boolean {
  if (PUBLIC.some((re) => re.test(path))) return true;
  const feed = PUBLIC_FEED.exec(path);
  return method === 'GET' && feed !== null && caseById(ctx.db, Number(feed[1]))?.isPublic === true;
}

export function requireAuth(ctx: AppContext, auth: Auth): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!auth.enabled || auth.isAuthenticated(req) || isPublicPath(ctx, req.method, req.path)) return next();
    if (req.path.startsWith('/api/') || req.path === '/api') return next(new AppError('UNAUTHORIZED', 'log in or send an API token (Authorization: Bearer …)'));
    const nextPath = req.method === 'GET' ? req.originalUrl : '/';
    res.redirect(303, `/login?next=${encodeURIComponent(nextPath)}`);
  };
}

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

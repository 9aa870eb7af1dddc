// Builds the Express app: Host check, proxy trust, security headers, body parsing, static files, pages, API, error mapping.
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { packagePath } from '../core/packagePath.ts';
import { errorPage } from '../views/layout.ts';
import { apiRouter } from './api.ts';
import type { AppContext } from '../app/context.ts';
import { errorHandler } from './errors.ts';
import { createAuth, requireAuth, type PasswordHash } from './auth.ts';
import { authRouter } from './authPages.ts';
import { createCsrf, exposeCsrfToken } from './csrf.ts';
import { hostCheck } from './hostCheck.ts';
import { pagesRouter } from './pages.ts';
import { subscriptionPagesRouter } from './subscriptionPages.ts';

const staticDir = packagePath('views/static');

export function createApp(ctx: AppContext, password: PasswordHash | null = null): express.Express {
  const app = express();
  const auth = createAuth(ctx, password);
  const csrf = createCsrf(ctx, auth);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Decides whose address req.ip (and so the login rate limit) uses; off, X-Forwarded-For is ignored.
  app.set('trust proxy', ctx.config.trustProxy);
  const https = ctx.config.baseUrl.startsWith('https:');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      strictTransportSecurity: https,
    }),
  );
  app.use(hostCheck(ctx.config));
  app.use('/static', express.static(staticDir, { maxAge: '1h', index: false }));
  // Pages name the SVG icon in <head>; browsers, feed readers and bookmarks that ask for /favicon.ico get sent there.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  app.use(cookieParser());
  app.use(requireAuth(ctx, auth));
  // An OPML export can be large; every other body is small.
  app.use('/api/feeds/import', express.json({ limit: '3mb', strict: true }));
  app.use('/api', express.json({ limit: '100kb', strict: true }));
  app.use('/feeds/import', express.urlencoded({ extended: false, limit: '3mb', parameterLimit: 10 }));
  app.use('/api', apiRouter(ctx));
  app.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));
  app.use(csrf.protect);
  app.use(exposeCsrfToken(csrf));
  app.use(authRouter(ctx, auth, csrf.token));
  app.use(subscriptionPagesRouter(ctx));
  app.use(pagesRouter(ctx));
  app.use(errorHandler(ctx.log, errorPage));
  return app;
}

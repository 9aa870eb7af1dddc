// HTML routes for digests: the subscriptions page, preview, and the token links (confirm, unsubscribe).
import { Router, type Request, type Response } from 'express';
import { listCases } from '../db/cases.ts';
import { subscriptionByToken } from '../db/subscriptions.ts';
import { listOutbox, readOutboxFile } from '../jobs/mailer.ts';
import { messagePage, outboxMessagePage, previewPage, subscriptionsPage } from '../views/pages/subscriptions.ts';
import { readEml } from '../core/eml.ts';
import type { AppContext } from '../app/context.ts';
import { notFound, parseOr400, zodDetails } from '../app/errors.ts';
import { idSchema, subscriptionInputSchema } from '../app/schemas.ts';
import {
  confirmByToken,
  previewDigest,
  resumeById,
  runDigestsNow,
  subscribe,
  subscriptionCounts,
  subscriptionsList,
  unsubscribeById,
  unsubscribeByToken,
} from '../app/subscriptions.ts';

const id = (req: Request) => parseOr400(idSchema, req.params.id, 'path', 'id');
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const tokenOk = (t: unknown): t is string => typeof t === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(t);

export function subscriptionPagesRouter(ctx: AppContext): Router {
  const r = Router();

  const render = (res: Response, extra: Partial<Parameters<typeof subscriptionsPage>[0]> = {}) => {
    const cases = listCases(ctx.db);
    const titles = new Map(cases.map((c) => [c.id, c.title]));
    const counts = subscriptionCounts(ctx);
    return subscriptionsPage({
      subscriptions: subscriptionsList(ctx).map((s) => ({ ...s, caseTitle: s.caseId === null ? 'All cases' : (titles.get(s.caseId) ?? '?'), counts: counts.get(s.id) ?? { sent: 0, waiting: 0 } })),
      cases: cases.map((c) => ({ id: c.id, title: c.title })),
      outbox: ctx.config.smtpUrl ? null : listOutbox(ctx.config.outboxDir).map(outboxItem),
      csrf: String(res.locals.csrf ?? ''),
      ...extra,
    });
  };

  r.get('/subscriptions', (_req, res) => {
    res.type('html').send(render(res));
  });
  r.post('/subscriptions', async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const values = { caseId: str(b.caseId), channel: str(b.channel), target: str(b.target), frequency: str(b.frequency), hour: str(b.hour), weekday: str(b.weekday), timezone: str(b.timezone) };
    const parsed = subscriptionInputSchema.safeParse({
      ...values,
      caseId: values.caseId ? values.caseId : null,
      hour: values.hour || undefined,
      weekday: values.weekday || undefined,
      timezone: values.timezone || undefined,
    });
    if (!parsed.success) {
      const errors = Object.fromEntries(zodDetails(parsed.error).map((d) => [d.path.split('.')[0] === '(body)' ? 'target' : d.path.split('.')[0]!, d.message]));
      res.status(400).type('html').send(render(res, { errors, values }));
      return;
    }
    const sub = await subscribe(ctx, parsed.data);
    const notice = sub.channel === 'email' ? `Check ${sub.target} for a confirmation link; nothing else is sent until it is followed.` : 'Webhook added.';
    res.status(201).type('html').send(render(res, { notice }));
  });
  r.post('/subscriptions/:id/delete', (req, res) => {
    unsubscribeById(ctx, id(req));
    res.redirect(303, '/subscriptions');
  });
  r.post('/subscriptions/:id/resume', (req, res) => {
    resumeById(ctx, id(req));
    res.redirect(303, '/subscriptions');
  });
  r.get('/subscriptions/:id/preview', async (req, res) => {
    res.type('html').send(previewPage(await previewDigest(ctx, id(req))));
  });
  // The outbox stands in for a mail server, so its messages must be readable from the page: decoded as the
  // subscriber's mail program shows them, and the raw source for anyone checking headers or encoding.
  const outboxFile = (name: string) => {
    const file = ctx.config.smtpUrl ? null : readOutboxFile(ctx.config.outboxDir, name);
    if (!file) throw notFound('outbox message');
    return file;
  };
  const outboxItem = (o: { name: string; writtenAt: Date }) => {
    const file = readOutboxFile(ctx.config.outboxDir, o.name);
    const m = file ? readEml(file) : null;
    return { name: o.name, writtenAt: o.writtenAt.toISOString(), subject: m?.subject ?? null, to: m?.to ?? null };
  };
  r.get('/subscriptions/outbox/:name', (req, res) => {
    res.type('text/plain; charset=utf-8').set('content-disposition', 'inline').send(outboxFile(req.params.name));
  });
  r.get('/subscriptions/outbox/:name/view', async (req, res) => {
    const m = readEml(outboxFile(req.params.name));
    const { safeEmailHtml } = await import('../core/emailHtml.ts');
    const html = m.html === null ? null : safeEmailHtml(m.html);
    res.type('html').send(outboxMessagePage({ name: req.params.name, ...m, html }));
  });
  r.post('/digests/run', async (_req, res) => {
    const { sent, failed } = await runDigestsNow(ctx);
    const notice = `Sent ${sent} digest${sent === 1 ? '' : 's'}${failed ? `; ${failed} failed (see below)` : ''}.`;
    res.type('html').send(render(res, { notice, noticeTone: failed ? 'warn' : 'ok' }));
  });

  r.get('/confirm/:token', (req, res) => {
    const sub = tokenOk(req.params.token) ? confirmByToken(ctx, req.params.token) : null;
    if (!sub) {
      res.status(404).type('html').send(messagePage('Link not valid', 'This confirmation link is unknown or the subscription was removed.'));
      return;
    }
    res.type('html').send(messagePage('Subscription confirmed', `Digests will now be sent to ${sub.target}.`));
  });
  // GET only shows a button: mail scanners follow links, and unsubscribing must take a deliberate POST.
  r.get('/unsubscribe/:token', (req, res) => {
    if (!tokenOk(req.params.token) || !subscriptionByToken(ctx.db, req.params.token)) {
      res.status(404).type('html').send(messagePage('Link not valid', 'This unsubscribe link is unknown or was already used.'));
      return;
    }
    res.type('html').send(messagePage('Unsubscribe', 'Stop receiving these casewatch digests?', { action: `/unsubscribe/${encodeURIComponent(req.params.token)}`, button: 'Unsubscribe' }));
  });
  // RFC 8058 one-click: the token is the identity, so no login and no CSRF token.
  r.post('/unsubscribe/:token', (req, res) => {
    const done = tokenOk(req.params.token) && unsubscribeByToken(ctx, req.params.token);
    res.status(done ? 200 : 404).type('html').send(messagePage(done ? 'Unsubscribed' : 'Link not valid', done ? 'You will receive no more of these digests.' : 'This unsubscribe link is unknown or was already used.'));
  });
  return r;
}

// The page frame shared by every HTML page: head, navigation, main content.
import { html, type SafeHtml } from './html.ts';

export interface LayoutProps {
  title: string;
  body: SafeHtml;
  nav?: 'cases' | 'feeds' | 'stories' | 'subscriptions' | 'settings' | null;
  csrfToken?: string | null;
  /** Feeds advertised in <head> for readers' discovery. */
  feeds?: { title: string; href: string }[];
  /** While background work runs: without JavaScript the page reloads itself every so many seconds. */
  refreshSeconds?: number;
}

export function layout(p: LayoutProps): string {
  const link = (href: string, label: string, key: LayoutProps['nav']) =>
    html`<a href="${href}"${p.nav === key ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · casewatch</title>
${p.refreshSeconds ? html`<noscript><meta http-equiv="refresh" content="${String(p.refreshSeconds)}"></noscript>` : ''}
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
${(p.feeds ?? []).map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title}" href="${f.href}">`)}
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">casewatch</a>
<nav aria-label="Main">${link('/', 'Cases', 'cases')} ${link('/feeds', 'Feeds', 'feeds')} ${link('/stories', 'Stories', 'stories')} ${link('/subscriptions', 'Digests', 'subscriptions')} ${link('/settings', 'Settings', 'settings')}</nav>
</header>
<main id="main">
${p.body}
</main>
</body>
</html>`.value;
}

export function errorPage(status: number, message: string): string {
  return layout({ title: `Error ${status}`, body: html`<h1>Error ${status}</h1><p>${message}</p><p><a href="/">Back to the cases</a></p>` });
}

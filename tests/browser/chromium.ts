// Real headless Chromium for page tests: launch, loopback-only pages, and the checks several tests share.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT } from '../helpers/cliProcess.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping browser tests: ${CHROMIUM} is not installed (apt-get install chromium)`);

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
/** Served from the app's own origin by a route, because the pages' CSP only runs scripts from 'self'. */
const AXE_PATH = '/__test/axe.min.js';
export const SHOTS = '/tmp/casewatch-shots';

/** The few browser globals the in-page checks use: the project compiles without the DOM library. */
export interface DomElement {
  tagName: string;
  id: string;
  outerHTML: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
  closest(selector: string): DomElement | null;
  getBoundingClientRect(): { right: number };
}
export interface Dom {
  document: { querySelectorAll(selector: string): Iterable<DomElement>; activeElement: DomElement | null; documentElement: { scrollWidth: number } };
  window: { innerWidth: number; __xss?: unknown; axe: { run(): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } };
  location: { href: string; origin: string };
  getComputedStyle(el: DomElement): { outlineStyle: string };
}

/** Debian's Chromium only: never a downloaded browser, and nothing that talks to the outside. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface TestPage {
  page: Page;
  /** Texts of every alert/confirm/prompt the page opened (each is dismissed). */
  dialogs: string[];
  /** Requests the page tried to send beyond loopback (each is aborted). */
  blocked: string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A page in a fresh context whose requests never leave 127.0.0.1. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const blocked: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === AXE_PATH && LOOPBACK.has(url.hostname)) return route.fulfill({ path: AXE, contentType: 'text/javascript; charset=utf-8' });
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !LOOPBACK.has(url.hostname)) {
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  return { page, dialogs, blocked, close: () => context.close() };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the loaded page; returns the violations of impact serious or critical. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Runs axe-core on the loaded page; returns every violation, whatever its impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ url: AXE_PATH });
  const all = await page.evaluate(async () => {
    const { window } = globalThis as unknown as Dom;
    const r = await window.axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  });
  return all;
}

/**
 * Markup that could run script or leave the page, as found in the live DOM: event-handler attributes,
 * javascript:/vbscript:/data:text/html URLs, inline <script> without src, frames, plugins, meta refresh.
 */
export function activeMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document, location } = globalThis as unknown as Dom;
    const found: string[] = [];
    const describe = (el: DomElement) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> ${el.outerHTML.slice(0, 160)}`;
    const badUrl = /^\s*(javascript|vbscript|data:text\/html)/i;
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.getAttributeNames()) {
        const v = el.getAttribute(a) ?? '';
        if (/^on/i.test(a)) found.push(`${a}= on ${describe(el)}`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc'].includes(a.toLowerCase()) && badUrl.test(v.replace(/[\u0000-\u0020]/g, ''))) found.push(`${a}=${v.slice(0, 40)} on ${describe(el)}`);
      }
      const tag = el.tagName.toLowerCase();
      if (tag === 'script' && !el.getAttribute('src')) found.push(`inline script: ${describe(el)}`);
      if (tag === 'script' && el.getAttribute('src') && new URL(el.getAttribute('src')!, location.href).origin !== location.origin) found.push(`foreign script: ${describe(el)}`);
      // getAttribute, not .action: a field named "action" shadows the property.
      const ownForm = tag === 'form' && new URL(el.getAttribute('action') ?? '', location.href).origin === location.origin;
      if (['iframe', 'frame', 'object', 'embed', 'base', 'form'].includes(tag) && !ownForm) found.push(`element: ${describe(el)}`);
      if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) found.push(`meta refresh: ${describe(el)}`);
    }
    return found;
  });
}

/** Marker set by every hostile payload in the fixtures; undefined while nothing ran. */
export function xssMarker(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as unknown as Dom).window.__xss);
}

export function shotPath(name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, name);
}

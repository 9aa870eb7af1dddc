// Section "articles" (issue 13): extracting an article's text from its page, with the chosen DOM (linkedom)
// against the other candidate (jsdom), each in a process of its own so that their memory can be compared.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../core/article/extract.ts';
import { median, ms, num, percentile, progress, ratio, verdict, type Row, type SectionReport } from './lib/report.ts';
import { rng } from './lib/corpus.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WARM_UP = 5;
const RUNS_PER_PAGE = 60;
type Dom = 'linkedom' | 'jsdom';
// jsdom is only the yardstick here; its type package would bring the browser's globals into every file.
const JSDOM_MODULE: string = 'jsdom';

const EN_WORDS = 'the court heard that the former engineer copied design files before leaving the company and joined a rival which denies any wrongdoing in the case'.split(' ');
const ZH_CHARS = '法院审理认为前员工在离职前复制了设计文件并加入竞争对手公司该公司否认存在任何不当行为案件仍在审理中'.split('');
const JA_CHARS = '裁判所は元社員が退職前に設計データを持ち出し競合他社に転職したと認定した同社は不正を否定している'.split('');

function sentence(r: () => number, lang: 'en' | 'zh' | 'ja'): string {
  if (lang === 'en') {
    const words = Array.from({ length: 12 + Math.floor(r() * 14) }, () => EN_WORDS[Math.floor(r() * EN_WORDS.length)]!);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  }
  const chars = lang === 'zh' ? ZH_CHARS : JA_CHARS;
  return `${Array.from({ length: 25 + Math.floor(r() * 25) }, () => chars[Math.floor(r() * chars.length)]!).join('')}。`;
}

/**
 * A ~100 KB news page: header, navigation, cookie banner, a 14-paragraph article, a related box naming other
 * cases' parties, ~95 KB of comments, a footer, inline styles and scripts.
 */
export function benchPage(lang: 'en' | 'zh' | 'ja', seed: number): string {
  const r = rng(seed);
  const paragraphs = Array.from({ length: 14 }, () => `<p>${Array.from({ length: 3 }, () => sentence(r, lang)).join(' ')}</p>`).join('\n');
  const comments: string[] = [];
  let size = 0;
  for (let i = 0; size < 95_000; i++) {
    const c = `<div class="comment" id="c${i}"><div class="meta"><a href="/u/${i}">reader${i}</a> <time>2 hours ago</time></div><p>${sentence(r, lang)} ${sentence(r, lang)}</p><button class="reply">Reply</button></div>`;
    comments.push(c);
    size += Buffer.byteLength(c);
  }
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>Court hears design files case | The Ledger</title>
<link rel="canonical" href="https://ledger.example/courts/design-files"><style>.cookie{position:fixed}.related{float:right}</style>
<script>window.dataLayer=window.dataLayer||[];</script></head><body>
<div class="cookie-banner" role="dialog"><p>We use cookies to personalise content and ads.</p><button>Accept</button></div>
<header><a class="logo" href="/">The Ledger</a><nav><ul>${['World', 'Business', 'Courts', 'Tech', 'Opinion'].map((s) => `<li><a href="/${s}">${s}</a></li>`).join('')}</ul></nav></header>
<main><article class="story"><h1>Court hears design files case</h1><p class="byline">By a staff reporter</p>
${paragraphs}</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/r1">Acme Robotics sues Jane Roe over trade secrets</a></li><li><a href="/r2">ByteDance v. Tian Keyu: hearing set</a></li></ul></aside>
<section class="comments"><h2>Comments</h2>${comments.join('\n')}</section></main>
<footer><p>© The Ledger</p><script>console.log('footer')</script></footer></body></html>`;
}

interface DomFigures {
  dom: Dom;
  medianMs: number;
  meanMs: number;
  p90Ms: number;
  pagesPerSec: number;
  peakRssMb: number;
  textChars: number;
}

/** Parse plus Readability, as extraction does it (`extractArticle` adds its boilerplate pass to linkedom's). */
async function parseAndRead(dom: Dom, html: string, url: string): Promise<string> {
  if (dom === 'linkedom') {
    const { document } = parseHTML(html);
    return new Readability(document as never).parse()?.textContent ?? '';
  }
  const { JSDOM } = (await import(JSDOM_MODULE)) as { JSDOM: new (html: string, opts: { url: string }) => { window: { document: unknown } } };
  const doc = new JSDOM(html, { url }).window.document;
  return new Readability(doc as never).parse()?.textContent ?? '';
}

/** Runs in the child process: times one DOM over the three pages and prints its figures as JSON. */
export async function measureDom(dom: Dom): Promise<DomFigures> {
  const pages = (['en', 'zh', 'ja'] as const).map((l, i) => benchPage(l, 11 + i));
  const times: number[] = [];
  let textChars = 0;
  let peak = process.memoryUsage().rss;
  for (const html of pages) {
    for (let i = 0; i < WARM_UP; i++) await parseAndRead(dom, html, 'https://ledger.example/a');
    for (let i = 0; i < RUNS_PER_PAGE; i++) {
      const start = performance.now();
      const text = await parseAndRead(dom, html, 'https://ledger.example/a');
      times.push(performance.now() - start);
      if (i === 0) textChars += text.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { dom, medianMs: median(times), meanMs: mean, p90Ms: percentile(times, 90), pagesPerSec: 1000 / mean, peakRssMb: peak / 2 ** 20, textChars };
}

function inChild(dom: Dom): DomFigures {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'articlesChild.ts'), dom], { encoding: 'utf8', cwd: path.join(HERE, '..'), maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`articles bench (${dom}) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as DomFigures;
}

export async function runArticles(): Promise<SectionReport> {
  progress('articles: linkedom in its own process');
  const linkedom = inChild('linkedom');
  progress('articles: jsdom in its own process');
  const jsdom = inChild('jsdom');
  // The whole extraction as the fetch job runs it (boilerplate pass, Readability, plain text), in this process.
  const pages = (['en', 'zh', 'ja'] as const).map((l, i) => benchPage(l, 11 + i));
  for (const p of pages) extractArticle(p, 'https://ledger.example/a');
  const full: number[] = [];
  for (let i = 0; i < 20; i++) {
    for (const p of pages) {
      const start = performance.now();
      extractArticle(p, 'https://ledger.example/a');
      full.push(performance.now() - start);
    }
  }
  const kb = Buffer.byteLength(pages[0]!) / 1024;
  const rows: Row[] = [
    {
      figure: `parse + Readability, median per ~${num(kb)} KB page`,
      value: `linkedom ${ms(linkedom.medianMs)}`,
      baseline: `jsdom ${ms(jsdom.medianMs)}`,
      ratio: `${ratio(jsdom.medianMs / linkedom.medianMs)} faster`,
      goal: 'the chosen DOM is the faster',
      verdict: verdict(linkedom.medianMs < jsdom.medianMs),
    },
    { figure: 'throughput (pages/s, from the mean)', value: `linkedom ${num(linkedom.pagesPerSec)}`, baseline: `jsdom ${num(jsdom.pagesPerSec)}`, ratio: ratio(linkedom.pagesPerSec / jsdom.pagesPerSec) },
    { figure: 'p90 per page', value: `linkedom ${ms(linkedom.p90Ms)}`, baseline: `jsdom ${ms(jsdom.p90Ms)}` },
    { figure: `peak RSS over ${3 * (WARM_UP + RUNS_PER_PAGE)} pages`, value: `linkedom ${num(linkedom.peakRssMb)} MB`, baseline: `jsdom ${num(jsdom.peakRssMb)} MB`, ratio: `${ratio(jsdom.peakRssMb / linkedom.peakRssMb)} less` },
    { figure: 'same text extracted (the three pages)', value: `${num(linkedom.textChars)} vs ${num(jsdom.textChars)} characters`, goal: 'equal', verdict: verdict(linkedom.textChars === jsdom.textChars) },
    { figure: 'extractArticle (boilerplate pass + Readability + plain text), median', value: ms(median(full)), baseline: `p90 ${ms(percentile(full, 90))}` },
  ];
  return {
    name: 'articles',
    title: 'article extraction: linkedom (chosen) vs jsdom',
    rows,
    notes: [
      `Three generated pages (English, Chinese, Japanese) of ~${num(kb)} KB: header, navigation, cookie banner, a 14-paragraph article, a related box, ~95 KB of comments, footer, inline style and scripts.`,
      `Each DOM in a process of its own: ${WARM_UP} warm-up runs, then ${RUNS_PER_PAGE} timed runs per page; RSS is the process's peak.`,
    ],
  };
}

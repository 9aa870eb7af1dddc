// News-search feeds for a case: one RSS search URL per service and per language edition its names call for.
import type { CaseDefinition } from './caseDefinition.ts';

export interface SearchFeed {
  url: string;
  title: string;
}

interface Edition {
  /** Which names belong to this edition. */
  test: (name: string) => boolean;
  google: { hl: string; gl: string; ceid: string };
  bingMarket: string;
  label: string;
}

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;

// Kana marks Japanese; Han without kana is read as Chinese (the more common case for party names).
const EDITIONS: Edition[] = [
  { label: 'English', test: (n) => LATIN.test(n) && !HAN.test(n), google: { hl: 'en-US', gl: 'US', ceid: 'US:en' }, bingMarket: 'en-US' },
  { label: '中文', test: (n) => HAN.test(n) && !KANA.test(n), google: { hl: 'zh-CN', gl: 'CN', ceid: 'CN:zh-Hans' }, bingMarket: 'zh-CN' },
  { label: '日本語', test: (n) => KANA.test(n), google: { hl: 'ja', gl: 'JP', ceid: 'JP:ja' }, bingMarket: 'ja-JP' },
  { label: '한국어', test: (n) => HANGUL.test(n), google: { hl: 'ko', gl: 'KR', ceid: 'KR:ko' }, bingMarket: 'ko-KR' },
];

const quote = (s: string) => `"${s.replace(/"/g, '')}"`;

/**
 * The query for an edition: each party as a group of its names in that script joined by OR, the groups
 * joined by AND, so a search finds stories naming every party in any of its spellings.
 */
function queryFor(def: CaseDefinition, e: Edition): string | null {
  const groups = def.parties
    .map((p) => [p.name, ...p.aliases].filter((n) => e.test(n)))
    .filter((names) => names.length > 0)
    .map((names) => (names.length === 1 ? quote(names[0]!) : `(${names.map(quote).join(' OR ')})`));
  return groups.length ? groups.join(' ') : null;
}

export function searchFeedsForCase(def: CaseDefinition): SearchFeed[] {
  const out: SearchFeed[] = [];
  for (const e of EDITIONS) {
    const q = queryFor(def, e);
    if (!q) continue;
    const google = new URL('https://news.google.com/rss/search');
    google.search = new URLSearchParams({ q, hl: e.google.hl, gl: e.google.gl, ceid: e.google.ceid }).toString();
    const bing = new URL('https://www.bing.com/news/search');
    bing.search = new URLSearchParams({ q, format: 'rss', mkt: e.bingMarket }).toString();
    out.push({ url: google.toString(), title: `Google News (${e.label}): ${def.title}` });
    out.push({ url: bing.toString(), title: `Bing News (${e.label}): ${def.title}` });
  }
  return out;
}

// News-search feeds for a case: one RSS search URL per service and per language edition its names call for, kept in step with edits.
import type { CaseDefinition } from './caseDefinition.ts';

export interface SearchFeed {
  /** Service and edition ("google:en-US", "bing:zh-CN"): what stays the same when the case's names change. */
  key: string;
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
    out.push({ key: `google:${e.google.hl}`, url: google.toString(), title: `Google News (${e.label}): ${def.title}` });
    out.push({ key: `bing:${e.bingMarket}`, url: bing.toString(), title: `Bing News (${e.label}): ${def.title}` });
  }
  return out;
}

/** The key of a stored search feed, read back from its URL; null for a URL not built here. */
export function searchFeedKey(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const param = u.host === 'news.google.com' && u.pathname === '/rss/search' ? 'hl' : u.host === 'www.bing.com' && u.pathname === '/news/search' ? 'mkt' : null;
  const edition = param ? u.searchParams.get(param) : null;
  return edition ? `${param === 'hl' ? 'google' : 'bing'}:${edition}` : null;
}

export interface SearchFeedPlan {
  /** Editions still wanted whose query or title changed: updated in place, so the feed keeps its id and stories. */
  update: { id: number; url: string; title: string }[];
  insert: SearchFeed[];
  remove: number[];
}

/**
 * What to change so a case's stored search feeds match the wanted ones. Feeds are paired by key, not URL:
 * a new alias changes the query, and replacing the feed would give its stories new ids and lose the
 * user's decisions on them. A stored feed whose key is unknown or repeated is removed.
 */
export function planSearchFeedSync(current: { id: number; url: string; title: string | null }[], wanted: SearchFeed[]): SearchFeedPlan {
  const plan: SearchFeedPlan = { update: [], insert: [], remove: [] };
  const byKey = new Map<string, (typeof current)[number]>();
  for (const f of current) {
    const key = searchFeedKey(f.url);
    if (key && !byKey.has(key) && wanted.some((w) => w.key === key)) byKey.set(key, f);
    else plan.remove.push(f.id);
  }
  for (const w of wanted) {
    const f = byKey.get(w.key);
    if (!f) plan.insert.push(w);
    else if (f.url !== w.url || f.title !== w.title) plan.update.push({ id: f.id, url: w.url, title: w.title });
  }
  return plan;
}

// Queries on stories: idempotent storage of a feed's items, listing and full-text search.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import { isCjkPair } from '../core/matching/cjkBigrams.ts';
import type { NormalizedStory } from '../core/story.ts';
import { prepared, type Db } from './openDb.ts';
import { stories } from './schema.ts';

export type StoryRow = typeof stories.$inferSelect;

export interface StoredStories {
  /** Stories added by this call. */
  inserted: StoryRow[];
  /** Existing stories whose headline or summary changed. */
  updated: StoryRow[];
  /** Items already stored unchanged. */
  unchanged: number;
}

/**
 * Stores a feed's items. Must run inside the caller's transaction. Identity is (feed, guid); an item
 * of the same feed whose canonical URL is already stored (a re-guided item) is the same story. An
 * edited headline updates the row instead of adding one. The same URL from another feed is stored
 * again and merged on the timeline, so each feed's health and story count stay true.
 */
export function storeFeedStories(db: Db, feedId: number, items: NormalizedStory[], now: Date, extra?: (s: NormalizedStory) => { signature?: string | null; facts?: { amounts: string[]; courts: string[] } | null }): StoredStories {
  const out: StoredStories = { inserted: [], updated: [], unchanged: 0 };
  const st = statements(db);
  // One query finds what is already stored: a re-poll of an unchanged feed writes nothing.
  const known = st.known.all(feedId, JSON.stringify(items.map((i) => i.guid)), JSON.stringify(items.map((i) => i.canonicalUrl).filter(Boolean)));
  const byGuid = new Map(known.map((k) => [k.guid, k]));
  const byUrl = new Map(known.filter((k) => k.canonical_url).map((k) => [k.canonical_url!, k]));
  const seen = new Set<string>();
  /** New items, as the columns INSERT_STORIES reads from each JSON array. */
  const fresh: [string, ...unknown[]][] = [];
  for (const item of items) {
    if (seen.has(item.guid)) continue;
    seen.add(item.guid);
    const more = extra?.(item) ?? {};
    const signature = more.signature ?? null;
    const facts = more.facts ? JSON.stringify(more.facts) : null;
    const existing = byGuid.get(item.guid) ?? (item.canonicalUrl ? byUrl.get(item.canonicalUrl) : undefined);
    if (existing) {
      // A publisher that moves an article keeps its guid: follow the new link, unless another story of
      // this feed already has it (then the two are one article and the older row stays as it is).
      const moved = item.canonicalUrl !== null && item.canonicalUrl !== existing.canonical_url && st.relink.run(item.url, item.canonicalUrl, existing.id, feedId, item.canonicalUrl, existing.id).changes > 0;
      if (existing.content_hash !== item.contentHash) out.updated.push(fromSql(st.update.get(item.title, item.summary, item.summaryHtml, item.source, item.contentHash, signature, facts, now.getTime(), existing.id)!));
      else if (moved) out.updated.push(fromSql(st.byId.get(existing.id)!));
      else out.unchanged += 1;
      continue;
    }
    fresh.push([item.guid, item.url, item.canonicalUrl, item.title, item.summary, item.summaryHtml, item.source, item.contentHash, signature, facts, (item.publishedAt ?? now).getTime()]);
  }
  if (fresh.length > 0) {
    // All of the feed's new stories in one statement: the full-text triggers then index them together. Row by
    // row, each statement's savepoint makes FTS5 write its pending terms out as a segment of their own, which
    // cost three times the indexing itself (bench/README.md, "poll").
    const rows = st.insertMany.all(feedId, now.getTime(), now.getTime(), JSON.stringify(fresh));
    const byNewGuid = new Map(rows.map((r) => [r.guid, r]));
    for (const [guid] of fresh) {
      const row = byNewGuid.get(guid);
      if (row) out.inserted.push(fromSql(row));
      else out.unchanged += 1;
    }
  }
  return out;
}

interface StorySqlRow {
  id: number;
  feed_id: number | null;
  guid: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary: string;
  summary_html: string;
  source: string | null;
  content_hash: string;
  signature: string | null;
  facts: string | null;
  published_at: number;
  fetched_at: number;
  updated_at: number;
  article_text: string | null;
  article_state: StoryRow['articleState'];
  article_reason: string | null;
  article_fetched_at: number | null;
  publisher_url: string | null;
  publisher_name: string | null;
}

function fromSql(r: StorySqlRow): StoryRow {
  return {
    id: r.id,
    feedId: r.feed_id,
    guid: r.guid,
    url: r.url,
    canonicalUrl: r.canonical_url,
    title: r.title,
    summary: r.summary,
    summaryHtml: r.summary_html,
    source: r.source,
    contentHash: r.content_hash,
    signature: r.signature,
    facts: r.facts ? (JSON.parse(r.facts) as StoryRow['facts']) : null,
    publishedAt: new Date(r.published_at),
    fetchedAt: new Date(r.fetched_at),
    updatedAt: new Date(r.updated_at),
    articleText: r.article_text,
    articleState: r.article_state,
    articleReason: r.article_reason,
    articleFetchedAt: r.article_fetched_at === null ? null : new Date(r.article_fetched_at),
    publisherUrl: r.publisher_url,
    publisherName: r.publisher_name,
  };
}

const KNOWN_STORIES =
  'select id, guid, canonical_url, content_hash from stories where feed_id = ? and (guid in (select value from json_each(?)) or canonical_url in (select value from json_each(?)))';
const UPDATE_STORY =
  'update stories set title = ?, summary = ?, summary_html = ?, source = coalesce(?, source), content_hash = ?, signature = ?, facts = ?, updated_at = ? where id = ? returning *';
const RELINK_STORY =
  'update stories set url = ?, canonical_url = ? where id = ? and not exists (select 1 from stories where feed_id = ? and canonical_url = ? and id != ?)';
const STORY_BY_ID = 'select * from stories where id = ?';
/** Inserts the stories of one JSON array of [guid, url, canonical_url, title, summary, summary_html, source, content_hash, signature, facts, published_at], in order. */
const INSERT_STORIES = `insert into stories (feed_id, guid, url, canonical_url, title, summary, summary_html, source, content_hash, signature, facts, published_at, fetched_at, updated_at)
  select ?, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'),
    json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), json_extract(j.value, '$[6]'), json_extract(j.value, '$[7]'),
    json_extract(j.value, '$[8]'), json_extract(j.value, '$[9]'), json_extract(j.value, '$[10]'), ?, ?
  from json_each(?) j where true order by j.key
  on conflict do nothing returning *`;

/** Storing a feed runs on every poll of every feed: its statements, prepared once per connection (`prepared`). */
function statements(db: Db): StoreStatements {
  return {
    known: prepared<[number, string, string], Pick<StorySqlRow, 'id' | 'guid' | 'canonical_url' | 'content_hash'>>(db, KNOWN_STORIES),
    update: prepared<unknown[], StorySqlRow>(db, UPDATE_STORY),
    relink: prepared<unknown[]>(db, RELINK_STORY),
    byId: prepared<[number], StorySqlRow>(db, STORY_BY_ID),
    insertMany: prepared<[number, number, number, string], StorySqlRow>(db, INSERT_STORIES),
  };
}

interface StoreStatements {
  known: Statement<[number, string, string], Pick<StorySqlRow, 'id' | 'guid' | 'canonical_url' | 'content_hash'>>;
  update: Statement<unknown[], StorySqlRow>;
  relink: Statement<unknown[]>;
  byId: Statement<[number], StorySqlRow>;
  insertMany: Statement<[number, number, number, string], StorySqlRow>;
}

export function storyById(db: Db, id: number): StoryRow | null {
  return db.select().from(stories).where(eq(stories.id, id)).get() ?? null;
}

/**
 * The stories with these ids, in id order. The ids travel as one bound JSON array: SQLite allows at most
 * 32,766 variables, and a common party name has more candidate stories than that.
 */
export function storiesByIds(db: Db, ids: readonly number[]): StoryRow[] {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(stories)
    .where(sql`${stories.id} in (select value from json_each(${JSON.stringify(ids)}))`)
    .orderBy(stories.id)
    .all();
}

/** What the matcher and stage tagging read of a story, without its HTML and facts. */
export interface StoryTextRow {
  id: number;
  title: string;
  summary: string;
  /** The article behind the link, when jobs/articles read it. */
  article?: string;
  publishedAt: Date;
}

const MAX_STORY_ID = 'select coalesce(max(id), 0) as n from stories';
const STORY_COUNT = 'select count(*) from stories';
const STORY_TEXTS = 'select id, title, summary, article_text as article, published_at as publishedAt from stories where id in (select value from json_each(?)) order by id';

/** The text of the stories with these ids, in id order (one bound JSON array, as in storiesByIds). */
export function storyTextsByIds(db: Db, ids: readonly number[]): StoryTextRow[] {
  if (ids.length === 0) return [];
  const rows = prepared<[string], { id: number; title: string; summary: string; article: string | null; publishedAt: number }>(db, STORY_TEXTS).all(JSON.stringify(ids));
  return rows.map(({ article, ...r }) => ({ ...r, ...(article ? { article } : {}), publishedAt: new Date(r.publishedAt) }));
}

/** A stored story as the matcher reads it: the article text, when there is one, besides the feed's text. */
export function storyTextOf(row: StoryRow): StoryRow & { article?: string } {
  return row.articleText ? { ...row, article: row.articleText } : row;
}

/** LIKE treats % and _ as wildcards; a search for them means the characters. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Quotes user text for FTS5 MATCH: raw input there is a syntax error. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export interface StoryQuery {
  feedId?: number;
  q?: string;
  limit: number;
  /** Stories strictly older than this point; with an id, equal dates continue below that id. */
  before?: { date: Date; id: number | null };
}

export function listStories(db: Db, query: StoryQuery): StoryRow[] {
  const where: SQL[] = [];
  if (query.feedId !== undefined) where.push(eq(stories.feedId, query.feedId));
  if (query.before) {
    const { date, id } = query.before;
    where.push(id === null ? lt(stories.publishedAt, date) : or(lt(stories.publishedAt, date), and(eq(stories.publishedAt, date), lt(stories.id, id)))!);
  }
  const q = query.q?.trim();
  if (q) {
    const words = q.split(/\s+/).filter(Boolean);
    // The trigram indexes need 3+ characters and the pair index takes 2 CJK ones; other words need a substring scan.
    // Each word may be in the feed's text or in the article behind it.
    for (const w of words) {
      if ([...w].length >= 3) {
        const phrase = ftsPhrase(w);
        where.push(sql`(${stories.id} in (select rowid from stories_fts where stories_fts match ${phrase}) or ${stories.id} in (select rowid from stories_article_fts where stories_article_fts match ${phrase}))`);
      } else if (isCjkPair(w)) where.push(sql`${stories.id} in (select rowid from stories_cjk where stories_cjk match ${ftsPhrase(w.normalize('NFKC'))})`);
      else {
        const pattern = `%${escapeLike(w)}%`;
        where.push(sql`(${stories.title} like ${pattern} escape '\\' or ${stories.summary} like ${pattern} escape '\\' or ${stories.articleText} like ${pattern} escape '\\')`);
      }
    }
  }
  return db
    .select()
    .from(stories)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(query.limit)
    .all();
}

const LATIN_WORDS = /^[\p{Script=Latin}\p{N}]+(?: [\p{Script=Latin}\p{N}]+)+$/u;

/**
 * A term of several Latin words as all of its words of three or more letters, in any order and with
 * anything between them: the index holds the text as written, where "K. Delgado-Reyes" or "Delgado Reyes,
 * Kai" has no space-separated "delgado reyes". Other terms are one phrase, and so is a term that would keep
 * only one short word.
 */
function ftsWords(term: string): string {
  if (!LATIN_WORDS.test(term)) return ftsPhrase(term);
  const words = term.split(' ').filter((w) => w.length >= 3);
  // One short word left ("erik" of "Erik H.") would find every Erik: the phrase as written is then the query.
  if (words.length === 0 || (words.length === 1 && words[0]!.length < 5)) return ftsPhrase(term);
  return `(${words.map(ftsPhrase).join(' AND ')})`;
}

/** Short terms per substring scan: three bound variables each, far below SQLite's limit of 32,766. */
const SHORT_TERMS_PER_SCAN = 500;

/**
 * Stories that contain any of the terms (candidates for matching a new or edited case), in id order. Uses
 * the trigram index for terms of 3+ characters, the character-pair index for 2-character CJK names, and a
 * substring scan for other short terms ("3M"); those share one scan, since reading every stored story is
 * most of what a scan costs.
 * With a limit, only the most recently stored `limit` candidates (highest ids), for a quick estimate; with a
 * range, only ids in (after, upTo].
 */
type IdRange = { after: number; upTo: number };

/**
 * The tail of a candidate query and its bound values: newest first lets a limited query stop early; unlimited ones
 * keep the index's own order, twice as fast for FTS. A range (a backfill resumed after a restart) bounds the rowid,
 * which the indexes seek to.
 */
function idBounds(limit?: number, range?: IdRange): { tail: string; values: number[] } {
  const within = range ? ' and rowid > ? and rowid <= ?' : '';
  return {
    tail: `${within}${limit === undefined ? '' : ' order by rowid desc limit ?'}`,
    values: [...(range ? [range.after, range.upTo] : []), ...(limit === undefined ? [] : [limit])],
  };
}

/** Adds the ids an FTS5 query finds in the feed's text and in the articles read behind teasers (migration 0015). */
function addTextMatches(db: Db, match: string, bounds: { tail: string; values: number[] }, ids: Set<number>): void {
  for (const table of ['stories_fts', 'stories_article_fts']) {
    const stmt = prepared(db, `select rowid as id from ${table} where ${table} match ?${bounds.tail}`);
    for (const r of stmt.iterate(match, ...bounds.values) as Iterable<{ id: number }>) ids.add(r.id);
  }
}

/** The ids in id order; with a limit, the most recently stored `limit` of them. */
export function newestIds(ids: ReadonlySet<number>, limit?: number): number[] {
  const sorted = [...ids].sort((a, b) => a - b);
  return limit === undefined ? sorted : sorted.slice(Math.max(0, sorted.length - limit));
}

export function candidateStoryIds(db: Db, terms: readonly string[], limit?: number, range?: IdRange): number[] {
  const ids = new Set<number>();
  const bounds = idBounds(limit, range);
  const newest = bounds.tail;
  const cap = bounds.values;
  const long = terms.filter((t) => [...t].length >= 3);
  // Two CJK characters (赵明) are one token of the character-pair index; other short terms need a scan.
  const pairs = [...new Set(terms.filter(isCjkPair).map((t) => t.normalize('NFKC')))];
  const short = [...new Set(terms.filter((t) => [...t].length > 0 && [...t].length < 3 && !isCjkPair(t)))];
  if (long.length) addTextMatches(db, long.map(ftsWords).join(' OR '), bounds, ids);
  if (pairs.length) {
    const stmt = prepared(db, `select rowid as id from stories_cjk where stories_cjk match ?${newest}`);
    for (const r of stmt.iterate(pairs.map(ftsPhrase).join(' OR '), ...cap) as Iterable<{ id: number }>) ids.add(r.id);
  }
  for (let i = 0; i < short.length; i += SHORT_TERMS_PER_SCAN) {
    const chunk = short.slice(i, i + SHORT_TERMS_PER_SCAN);
    const where = chunk.map(() => "title like ? escape '\\' or summary like ? escape '\\' or article_text like ? escape '\\'").join(' or ');
    const patterns = chunk.flatMap((t) => [`%${escapeLike(t)}%`, `%${escapeLike(t)}%`, `%${escapeLike(t)}%`]);
    const stmt = db.$client.prepare(`select rowid as id from stories where (${where})${newest}`);
    for (const r of stmt.iterate(...patterns, ...cap) as Iterable<{ id: number }>) ids.add(r.id);
  }
  return newestIds(ids, limit);
}

/** At most this many keywords of a case are paired (28 pairs): past that, the first ones. */
const MAX_PAIRED_KEYWORDS = 8;

/**
 * Stories that contain two of the keywords (of 3+ characters; shorter ones are left out), in id order, with the
 * same `limit` and `range` as `candidateStoryIds`: the stories a case may hold for review on its keywords alone.
 * With `one`, stories with any one of them (a case the user confirmed an anonymised report on; see
 * `Matcher.readsOneKeyword`).
 */
export function keywordPairStoryIds(db: Db, keywords: readonly string[], limit?: number, range?: IdRange, one = false): number[] {
  const long = [...new Set(keywords.map((k) => k.trim()).filter((k) => [...k].length >= 3))].slice(0, MAX_PAIRED_KEYWORDS);
  if (long.length < (one ? 1 : 2)) return [];
  const terms: string[] = [];
  if (one) for (const k of long) terms.push(`(${ftsWords(k)})`);
  else for (let i = 0; i < long.length; i++) for (let j = i + 1; j < long.length; j++) terms.push(`(${ftsWords(long[i]!)} AND ${ftsWords(long[j]!)})`);
  const ids = new Set<number>();
  addTextMatches(db, terms.join(' OR '), idBounds(limit, range), ids);
  return newestIds(ids, limit);
}

/**
 * Stories with one of the keywords (of 3+ characters, as for pairs) whose title, summary or article holds a person
 * named by a letter ("A씨", "A氏"): a court report that may name the case's defendant that way (`pseudonymsIn` in
 * core/matching/counterparts.ts reads them). The keyword through the full-text indexes, the letter by GLOB on the
 * rows found. Same `limit` and `range` as `candidateStoryIds`.
 */
export function pseudonymStoryIds(db: Db, keywords: readonly string[], limit?: number, range?: IdRange): number[] {
  const long = [...new Set(keywords.map((k) => k.trim()).filter((k) => [...k].length >= 3))].slice(0, MAX_PAIRED_KEYWORDS);
  if (long.length === 0) return [];
  const found = new Set<number>();
  addTextMatches(db, long.map(ftsWords).join(' OR '), idBounds(undefined, range), found);
  const ids = new Set<number>();
  const all = [...found];
  for (let i = 0; i < all.length; i += LETTER_CHUNK) {
    const chunk = all.slice(i, i + LETTER_CHUNK);
    const stmt = prepared(db, lettered(chunk.length));
    for (const id of stmt.pluck().all(...chunk, ...LETTER_TEXT.flatMap(() => PSEUDONYM_GLOBS)) as number[]) ids.add(id);
  }
  return newestIds(ids, limit);
}

const LETTER_CHUNK = 500;
/** The letters `pseudonymsIn` reads (core/matching/counterparts.ts: A to H, full-width too, then 씨, 氏 or さん) as GLOBs. */
const PSEUDONYM_GLOBS = ['*[A-HＡ-Ｈ]씨*', '*[A-HＡ-Ｈ] 씨*', '*[A-HＡ-Ｈ]氏*', '*[A-HＡ-Ｈ]さん*'];
const LETTER_TEXT = ['title', 'summary', "coalesce(article_text, '')"];
/** The rows among `n` ids whose text holds a letter pseudonym (every column against every pattern). */
const lettered = (n: number) =>
  `select id from stories where id in (${Array(n).fill('?').join(',')}) and (${LETTER_TEXT.flatMap((col) => PSEUDONYM_GLOBS.map(() => `${col} glob ?`)).join(' or ')})`;

/** The highest story id: how far the store has grown, in one index seek. */
export function latestStoryId(db: Db): number {
  return (prepared(db, MAX_STORY_ID).get() as { n: number }).n;
}

/** How many stories are stored (what a case with no match was searched against); walks the smallest index. */
export function countStories(db: Db): number {
  return prepared(db, STORY_COUNT).pluck().get() as number;
}

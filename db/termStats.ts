// How many stored stories contain a topic term: weights a case's subject by rarity (see core/matching/profile).
import type { TermStats } from '../core/matching/profile.ts';
import { prepared, type Db } from './openDb.ts';
import { ftsPhrase } from './stories.ts';

const STORY_COUNT_AND_TOP = 'select count(*) as n, coalesce(max(id), 0) as top from stories';

const CJK = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u;

/**
 * Document frequencies read through the full-text indexes, counted up to a cap (a twentieth of the stories,
 * at least 1,000) so a common word costs one bounded index read: past the cap a term is common, however
 * common. Counts are kept for the life of the object; the matcher cache makes a new one as stories grow.
 */
export class StoredTermStats implements TermStats {
  readonly docs: number;
  /** The highest story id when the stories were counted: growth is measured from it. */
  readonly countedUpTo: number;
  private readonly cap: number;
  private readonly counts = new Map<string, number>();

  constructor(private readonly db: Db) {
    const r = prepared(db, STORY_COUNT_AND_TOP).get() as { n: number; top: number };
    this.docs = r.n;
    this.countedUpTo = r.top;
    this.cap = Math.max(1_000, Math.ceil(this.docs / 20));
  }

  df(term: string): number {
    let n = this.counts.get(term);
    if (n !== undefined) return n;
    n = this.count(term);
    this.counts.set(term, n);
    return n;
  }

  private count(term: string): number {
    // Topic terms are words of three or more letters (trigram index) or CJK character pairs (pair index).
    const table = CJK.test(term) ? 'stories_cjk' : 'stories_fts';
    if (table === 'stories_fts' && [...term].length < 3) return 0;
    const sql = `select count(*) as n from (select rowid from ${table} where ${table} match ? limit ?)`;
    return (prepared(this.db, sql).get(ftsPhrase(term), this.cap) as { n: number }).n;
  }
}

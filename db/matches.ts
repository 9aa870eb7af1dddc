// Queries on matches: storing matcher results without undoing user decisions, decisions, and clustering's reads and writes.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CaseDecisions, StoryText } from '../core/matching/knowledge.ts';
import { prepared, type Db } from './openDb.ts';
import { matchDecisions, matches, stories } from './schema.ts';

export interface StoryMatch {
  caseId: number;
  storyId: number;
  score: number;
  status: 'auto' | 'review';
  reasons: string[];
  stage: string | null;
  leadStoryId: number | null;
}

export type MatchRow = typeof matches.$inferSelect;

export interface ApplyCounts {
  added: number;
  updated: number;
  removed: number;
}

// Raw SQL of this module (prepared once per connection by `prepared`), beside the constants further down.
const MATCH_OF_STORY = 'select id, status, lead_story_id as leadStoryId from matches where case_id = ? and story_id = ?';
const INSERT_MATCH = 'insert into matches (case_id, story_id, score, reasons, status, stage, lead_story_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)';
const UPDATE_MATCH = 'update matches set score = ?, reasons = ?, status = ?, stage = ?, lead_story_id = ?, updated_at = ? where id = ?';
const DROP_STORY_MACHINE_MATCHES = `delete from matches where story_id = ? and status in ('auto', 'review') and case_id not in (select value from json_each(?))`;
const DROP_RANGE_MACHINE_MATCHES = `delete from matches where case_id = ? and status in ('auto', 'review') and story_id > ? and story_id <= ?
  and story_id not in (select value from json_each(?))`;
const MOVE_COPIES = 'update matches set lead_story_id = ? where case_id = ? and lead_story_id = ? and story_id != ?';
const HAS_COPIES = `select 1 from matches where case_id = ? and lead_story_id = ? limit 1`;
const CLUSTER_MEMBERS = `select s.id as storyId, coalesce(s.publisher_url, s.canonical_url) as canonicalUrl, s.published_at as publishedAt, s.signature, m.lead_story_id as leadId
  from matches m join stories s on s.id = m.story_id
  where m.case_id = ? and m.status in ('auto', 'confirmed') and (s.published_at between ? and ? or s.id in (select value from json_each(?)))
  order by s.published_at, s.id`;
const SET_LEAD = 'update matches set lead_story_id = ? where case_id = ? and story_id = ?';
const DECIDED_TEXTS = `select s.title as title, s.summary as summary from matches m join stories s on s.id = m.story_id
  where m.case_id = ? and m.status = ? order by m.published_at desc limit ?`;
const DECISIONS_STAMP = "select count(*) as n, max(updated_at) as u, total(story_id) as t from matches where case_id = ? and status in ('confirmed', 'rejected')";
const MATCHES_STAMP = 'select count(*) as n, max(updated_at) as u, total(lead_story_id) as l, total(id) as i from matches where case_id = ?';

const REJECTED_SAME_URL = `select 1 from stories other join matches m on m.story_id = other.id and m.case_id = ? and m.status = 'rejected'
  where other.canonical_url = (select canonical_url from stories where id = ?) and other.id != ? limit 1`;

/**
 * Upserts matcher results. The user's decisions stick: a rejected pair is never touched again, a
 * confirmed one keeps its status (its reasons are refreshed). Must run inside a transaction.
 */
function upsertMatch(db: Db, m: StoryMatch, now: Date, counts: ApplyCounts): void {
  // Raw prepared statements: a backfill writes hundreds of rows and a poll one per new match.
  const existing = prepared(db, MATCH_OF_STORY).get(m.caseId, m.storyId) as
    | { id: number; status: MatchRow['status']; leadStoryId: number | null }
    | undefined;
  const t = now.getTime();
  if (!existing) {
    // The same article stored again (another feed, or a feed re-created) stays rejected for this case.
    const rejectedCopy = prepared(db, REJECTED_SAME_URL).get(m.caseId, m.storyId, m.storyId) !== undefined;
    prepared(db, INSERT_MATCH).run(
      m.caseId, m.storyId, m.score, JSON.stringify(m.reasons), rejectedCopy ? 'rejected' : m.status, m.stage, rejectedCopy ? null : m.leadStoryId, t, t,
    );
    if (!rejectedCopy) counts.added += 1;
    return;
  }
  if (existing.status === 'rejected') return;
  const status = existing.status === 'confirmed' ? 'confirmed' : m.status;
  prepared(db, UPDATE_MATCH).run(
    m.score, JSON.stringify(m.reasons), status, m.stage, existing.leadStoryId ?? m.leadStoryId, t, existing.id,
  );
  counts.updated += 1;
}

/** Results for stories that were just stored or edited: pairs that no longer match lose their machine status. */
export function applyStoryMatches(db: Db, storyIds: number[], results: StoryMatch[], now: Date): ApplyCounts {
  const counts: ApplyCounts = { added: 0, updated: 0, removed: 0 };
  for (const m of results) upsertMatch(db, m, now, counts);
  const drop = prepared(db, DROP_STORY_MACHINE_MATCHES);
  for (const storyId of storyIds) {
    const keep = results.filter((r) => r.storyId === storyId).map((r) => r.caseId);
    counts.removed += drop.run(storyId, JSON.stringify(keep)).changes;
  }
  return counts;
}

const DROP_CASE_MACHINE_MATCHES = `delete from matches where case_id = ? and status in ('auto', 'review')
  and story_id not in (select value from json_each(?))`;

/** Results of re-matching one case against its candidate stories (after creation or an edit). */
export function applyCaseMatches(db: Db, caseId: number, results: StoryMatch[], now: Date): ApplyCounts {
  const counts: ApplyCounts = { added: 0, updated: 0, removed: 0 };
  // One bound JSON array instead of one variable per story: a common name keeps tens of thousands.
  counts.removed = prepared(db, DROP_CASE_MACHINE_MATCHES).run(caseId, JSON.stringify(results.map((r) => r.storyId))).changes;
  for (const m of results) upsertMatch(db, m, now, counts);
  return counts;
}

/**
 * One step of a background backfill: the case's results for the stories with ids in (after, upTo]. Machine
 * matches in that range that the new results lack are removed; decisions stay. Stories outside the range keep
 * what they had, so every story is matched by one definition or the other, never half of each.
 */
export function applyCaseMatchesBetween(db: Db, caseId: number, after: number, upTo: number, results: StoryMatch[], now: Date): ApplyCounts {
  const counts: ApplyCounts = { added: 0, updated: 0, removed: 0 };
  counts.removed = prepared(db, DROP_RANGE_MACHINE_MATCHES).run(caseId, after, upTo, JSON.stringify(results.map((r) => r.storyId))).changes;
  for (const m of results) upsertMatch(db, m, now, counts);
  return counts;
}

export type Decision = 'confirm' | 'reject';

/** The status a decision gives a match. */
const DECIDED: Record<Decision, 'confirmed' | 'rejected'> = { confirm: 'confirmed', reject: 'rejected' };

export interface DecisionResult {
  before: MatchRow;
  after: MatchRow;
  /** Same-article copies (same canonical URL) this rejection also rejected, with their status before. */
  twins: { storyId: number; status: 'auto' | 'review' }[];
  twinsRejected: number;
}

/**
 * The row before and after the decision, or null when the story was never matched to the case. Rejecting
 * an article also rejects the case's unconfirmed matches of the same article from other feeds (same
 * canonical URL). The decision is logged in match_decisions with what it changed, for `undoDecision`.
 */
export function decideMatch(db: Db, caseId: number, storyId: number, decision: Decision, now: Date): DecisionResult | null {
  const existing = db.select().from(matches).where(and(eq(matches.caseId, caseId), eq(matches.storyId, storyId))).get();
  if (!existing) return null;
  const status = decision === 'confirm' ? 'confirmed' : 'rejected';
  // A rejected story leads nothing and follows nothing; one confirmed from review or rejection is clustered afresh.
  const leadStoryId = decision === 'reject' || existing.status === 'review' || existing.status === 'rejected' ? null : existing.leadStoryId;
  const after = db.update(matches).set({ status, leadStoryId, updatedAt: now }).where(eq(matches.id, existing.id)).returning().get();
  if (!after) return null;
  const twins = decision === 'reject' ? twinsOf(db, caseId, storyId) : [];
  if (twins.length) prepared(db, REJECT_TWINS).run(now.getTime(), caseId, JSON.stringify(twins.map((t) => t.storyId)));
  logDecision(db, { caseId, storyId, decision, previousStatus: existing.status, twins, decidedAt: now });
  return { before: existing, after, twins, twinsRejected: twins.length };
}

const twinsOf = (db: Db, caseId: number, storyId: number) =>
  prepared(db, TWINS).all(caseId, storyId, storyId) as DecisionResult['twins'];

/** The case's unconfirmed matches of the same article as the story (same canonical URL), from other feeds. */
const TWINS = `select story_id as storyId, status from matches where case_id = ? and status in ('auto', 'review')
  and story_id in (select other.id from stories other
    where other.canonical_url = (select canonical_url from stories where id = ?) and other.id != ?)`;

const REJECT_TWINS = `update matches set status = 'rejected', lead_story_id = null, updated_at = ?
  where case_id = ? and story_id in (select value from json_each(?))`;

/**
 * Keeps the latest decision of a match. Deciding again what the story already is (confirming a confirmed one)
 * keeps the earlier entry, so Undo still goes back to where the matcher had put it; copies it rejected are added.
 */
function logDecision(db: Db, d: typeof matchDecisions.$inferInsert & { twins: DecisionResult['twins'] }): void {
  const where = and(eq(matchDecisions.caseId, d.caseId), eq(matchDecisions.storyId, d.storyId));
  const logged = db.select().from(matchDecisions).where(where).get();
  if (logged && d.previousStatus === DECIDED[d.decision]) {
    if (d.twins.length) db.update(matchDecisions).set({ twins: [...logged.twins, ...d.twins] }).where(where).run();
    return;
  }
  const set = { decision: d.decision, previousStatus: d.previousStatus, twins: d.twins, decidedAt: d.decidedAt };
  db.insert(matchDecisions).values(d).onConflictDoUpdate({ target: [matchDecisions.caseId, matchDecisions.storyId], set }).run();
}

export interface StatusChange {
  storyId: number;
  previous: MatchRow['status'];
  now: MatchRow['status'];
  publishedAt: Date | null;
}

/**
 * Undoes the latest decision on a match: the story gets its status from before it back, and so do the copies a
 * rejection also rejected (those still rejected; one the user decided on since keeps that decision). A story that
 * comes onto or leaves the timeline loses its lead: clustering places it again (see reclusterAfterStatusChanges).
 * Null when there is nothing to undo: no decision logged, or the match is no longer what the decision made it.
 */
export function undoDecision(db: Db, caseId: number, storyId: number, now: Date): { changes: StatusChange[] } | null {
  const where = and(eq(matchDecisions.caseId, caseId), eq(matchDecisions.storyId, storyId));
  const logged = db.select().from(matchDecisions).where(where).get();
  const match = db.select().from(matches).where(and(eq(matches.caseId, caseId), eq(matches.storyId, storyId))).get();
  if (!logged || !match || match.status !== DECIDED[logged.decision]) return null;
  const restore = prepared(db, RESTORE);
  const changes: StatusChange[] = [];
  const put = (id: number, from: MatchRow['status'], to: MatchRow['status']) => {
    const keepLead = ON_TIMELINE.has(from) && ON_TIMELINE.has(to);
    const row = restore.get(to, Number(!keepLead), now.getTime(), caseId, id, from) as { at: number | null } | undefined;
    if (!row) return;
    changes.push({ storyId: id, previous: from, now: to, publishedAt: row.at === null ? null : new Date(row.at) });
  };
  put(storyId, match.status, logged.previousStatus);
  for (const t of logged.twins) put(t.storyId, 'rejected', t.status);
  db.delete(matchDecisions).where(where).run();
  return { changes };
}

const ON_TIMELINE = new Set<string>(['auto', 'confirmed']);

/** Puts one match back, only while it still has the status the decision gave it. */
const RESTORE = `update matches set status = ?, lead_story_id = case when ? then null else lead_story_id end, updated_at = ?
  where case_id = ? and story_id = ? and status = ? returning published_at as at`;

const DECIDED_STORY = `select s.title, m.status, d.decision, d.twins from matches m join stories s on s.id = m.story_id
  left join match_decisions d on d.case_id = m.case_id and d.story_id = m.story_id where m.case_id = ? and m.story_id = ?`;

/** A decided story as the page's notice names it: its title, current status, and whether Undo can reverse it. */
export interface DecidedStory {
  title: string;
  status: MatchRow['status'];
  undoable: boolean;
  /** Copies of the same article its rejection also rejected. */
  twins: number;
}

export function decidedStory(db: Db, caseId: number, storyId: number): DecidedStory | null {
  type Row = { title: string; status: MatchRow['status']; decision: Decision | null; twins: string | null };
  const row = prepared(db, DECIDED_STORY).get(caseId, storyId) as Row | undefined;
  if (!row) return null;
  const undoable = row.decision !== null && row.status === DECIDED[row.decision];
  const twins = row.twins ? (JSON.parse(row.twins) as unknown[]).length : 0;
  return { title: row.title, status: row.status, undoable, twins };
}

/** Points the copies of `from` at `to` (when `from` itself became a copy of `to`). */
export function moveCopies(db: Db, caseId: number, from: number, to: number): void {
  prepared(db, MOVE_COPIES).run(to, caseId, from, to);
}

/** Whether other timeline stories of the case are folded under this one. */
export function hasCopies(db: Db, caseId: number, storyId: number): boolean {
  return prepared(db, HAS_COPIES).get(caseId, storyId) !== undefined;
}

/** Story ids this case has rejected (the matcher must never bring them back). */
export function rejectedStoryIds(db: Db, caseId: number): Set<number> {
  return new Set(
    db.select({ id: matches.storyId }).from(matches).where(and(eq(matches.caseId, caseId), eq(matches.status, 'rejected'))).all().map((r) => r.id),
  );
}

export interface ClusterMember {
  storyId: number;
  canonicalUrl: string | null;
  publishedAt: Date;
  signature: string | null;
  title: string;
  summary: string;
  source: string | null;
  leadId: number | null;
}

/** The stories on a case's timeline with what clustering needs, oldest first. */
export function clusterMembers(db: Db, caseId: number): ClusterMember[] {
  return db
    .select({
      storyId: stories.id,
      // The publisher's URL found behind an aggregator link (jobs/articles) makes copies of one article one entry.
      canonicalUrl: sql<string | null>`coalesce(${stories.publisherUrl}, ${stories.canonicalUrl})`,
      publishedAt: stories.publishedAt,
      signature: stories.signature,
      title: stories.title,
      summary: stories.summary,
      source: stories.source,
      leadId: matches.leadStoryId,
    })
    .from(matches)
    .innerJoin(stories, eq(stories.id, matches.storyId))
    .where(and(eq(matches.caseId, caseId), inArray(matches.status, ['auto', 'confirmed'])))
    .orderBy(asc(stories.publishedAt), asc(stories.id))
    .all();
}

export interface SignedMember {
  storyId: number;
  canonicalUrl: string | null;
  publishedAt: Date;
  signature: string | null;
  leadId: number | null;
}

/**
 * Timeline stories of a case published in [from, to], plus the given stories wherever they fall: what a
 * newcomer is compared with. Raw SQL: this runs once per feed per poll and must stay cheap.
 */
export function clusterMembersBetween(db: Db, caseId: number, from: Date, to: Date, include: number[]): SignedMember[] {
  const rows = prepared(db, CLUSTER_MEMBERS).all(caseId, from.getTime(), to.getTime(), JSON.stringify(include)) as (Omit<SignedMember, 'publishedAt'> & { publishedAt: number })[];
  return rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt) }));
}

/** Writes cluster leads (null: the story leads its own entry). */
export function setLeads(db: Db, caseId: number, leads: Map<number, number | null>): void {
  const update = prepared(db, SET_LEAD);
  for (const [storyId, lead] of leads) update.run(lead, caseId, storyId);
}

export function matchCountsByStatus(db: Db, caseId: number): Record<string, number> {
  const rows = db.select({ status: matches.status, n: sql<number>`count(*)` }).from(matches).where(eq(matches.caseId, caseId)).groupBy(matches.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Decided stories kept per case and decision for the matcher to learn from: the newest ones. */
export const DECISIONS_PER_CASE = 50;

/**
 * The stories the user confirmed or rejected on each case, newest first, as the matcher learns from them.
 * One index seek per case and decision (matches_case_status_idx).
 */
export function decidedStories(db: Db, caseIds: readonly number[]): Map<number, CaseDecisions> {
  const stmt = prepared(db, DECIDED_TEXTS);
  const out = new Map<number, CaseDecisions>();
  for (const id of caseIds) {
    const confirmed = stmt.all(id, 'confirmed', DECISIONS_PER_CASE) as StoryText[];
    const rejected = stmt.all(id, 'rejected', DECISIONS_PER_CASE) as StoryText[];
    if (confirmed.length || rejected.length) out.set(id, { confirmed, rejected });
  }
  return out;
}

/**
 * Changes whenever the case's decisions do (one confirmed or rejected, or undone and made again): what a cached
 * matcher of the case learned from. A decision stamps its match's `updated_at`.
 */
export function decisionsStamp(db: Db, caseId: number): string {
  const r = prepared(db, DECISIONS_STAMP).get(caseId) as {
    n: number;
    u: number | null;
    t: number;
  };
  return `${r.n}:${r.u}:${r.t}`;
}

/**
 * Changes whenever the case's matches do (a row added or removed, a status, score or lead changed): a
 * re-clustering computed on another thread is applied only if it still describes the case.
 */
export function caseMatchesStamp(db: Db, caseId: number): string {
  const r = prepared(db, MATCHES_STAMP).get(caseId) as {
    n: number; u: number | null; l: number; i: number;
  };
  return `${r.n}:${r.u}:${r.l}:${r.i}`;
}

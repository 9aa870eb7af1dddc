// Queries on cases with their parties and aliases.
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CaseDefinition, PartyRole } from '../core/caseDefinition.ts';
import { prepared, type Db } from './openDb.ts';
import { caseLatestAt, caseStages } from './timeline.ts';
import { aliases, cases, parties } from './schema.ts';

export interface CaseInput {
  title: string;
  summary?: string | null;
  court?: string | null;
  caseNumber?: string | null;
  parties: { name: string; role: PartyRole; aliases?: string[] }[];
  keywords?: string[];
  exclude?: string[];
  isPublic?: boolean;
}

/** A case with its parties and their aliases, in the order they were given; `app/caseView.ts` makes the view model. */
export interface CaseRecord {
  id: number;
  title: string;
  summary: string | null;
  court: string | null;
  caseNumber: string | null;
  parties: CaseParty[];
  keywords: string[];
  exclude: string[];
  isPublic: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface CaseParty {
  name: string;
  role: PartyRole;
  aliases: string[];
}

type CaseRow = typeof cases.$inferSelect;

function loadParties(db: Db, caseIds: number[]): Map<number, CaseParty[]> {
  const out = new Map<number, CaseParty[]>();
  if (caseIds.length === 0) return out;
  const ps = db.select().from(parties).where(inArray(parties.caseId, caseIds)).orderBy(asc(parties.position), asc(parties.id)).all();
  const as = ps.length
    ? db.select().from(aliases).where(inArray(aliases.partyId, ps.map((p) => p.id))).orderBy(asc(aliases.id)).all()
    : [];
  const byParty = new Map<number, string[]>();
  for (const a of as) byParty.set(a.partyId, [...(byParty.get(a.partyId) ?? []), a.alias]);
  for (const p of ps) {
    const list = out.get(p.caseId) ?? [];
    list.push({ name: p.name, role: p.role, aliases: byParty.get(p.id) ?? [] });
    out.set(p.caseId, list);
  }
  return out;
}

function toRecord(row: CaseRow, ps: CaseParty[]): CaseRecord {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    court: row.court,
    caseNumber: row.caseNumber,
    parties: ps,
    keywords: row.keywords,
    exclude: row.exclude,
    isPublic: row.isPublic,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function writeParties(db: Db, caseId: number, input: CaseInput['parties']): void {
  input.forEach((p, position) => {
    const party = db.insert(parties).values({ caseId, name: p.name, role: p.role, position }).returning().get();
    const unique = [...new Set((p.aliases ?? []).filter((a) => a !== p.name))];
    if (unique.length) db.insert(aliases).values(unique.map((alias) => ({ partyId: party.id, alias }))).run();
  });
}

/** Must run inside the caller's transaction together with the backfill. */
export function insertCase(db: Db, input: CaseInput, now: Date): CaseRecord {
  const row = db
    .insert(cases)
    .values({
      title: input.title,
      summary: input.summary ?? null,
      court: input.court ?? null,
      caseNumber: input.caseNumber ?? null,
      keywords: input.keywords ?? [],
      exclude: input.exclude ?? [],
      isPublic: input.isPublic ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  writeParties(db, row.id, input.parties);
  return caseById(db, row.id)!;
}

/** Replaces the fields given; parties are replaced as a whole when given. */
export function updateCase(db: Db, id: number, patch: Partial<CaseInput>, now: Date): CaseRecord | null {
  const { parties: newParties, ...fields } = patch;
  const changed = db.update(cases).set({ ...fields, updatedAt: now }).where(eq(cases.id, id)).run().changes;
  if (!changed) return null;
  if (newParties) {
    db.delete(parties).where(eq(parties.caseId, id)).run();
    writeParties(db, id, newParties);
  }
  return caseById(db, id);
}

export function deleteCase(db: Db, id: number): boolean {
  return db.delete(cases).where(eq(cases.id, id)).run().changes > 0;
}

export function caseById(db: Db, id: number): CaseRecord | null {
  const row = db.select().from(cases).where(eq(cases.id, id)).get();
  if (!row) return null;
  return toRecord(row, loadParties(db, [id]).get(id) ?? []);
}

export function listCases(db: Db): CaseRecord[] {
  const rows = db.select().from(cases).orderBy(desc(cases.updatedAt), desc(cases.id)).all();
  const ps = loadParties(db, rows.map((r) => r.id));
  return rows.map((r) => toRecord(r, ps.get(r.id) ?? []));
}

/** What matching needs of a case: a record from here or its view model alike. */
export type CaseDefinitionSource = Omit<CaseRecord, 'isPublic' | 'createdAt' | 'updatedAt'>;

export function toDefinition(c: CaseDefinitionSource): CaseDefinition {
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    parties: c.parties,
    keywords: c.keywords,
    exclude: c.exclude,
    court: c.court,
    caseNumber: c.caseNumber,
  };
}

export function allCaseDefinitions(db: Db): CaseDefinition[] {
  return listCases(db).map(toDefinition);
}

/** Changes whenever a case is added, edited or removed (by this process or another). */
export function casesVersion(db: Db): string {
  const r = prepared(db, SQL.version).get() as { n: number; m: number; x: number };
  return `${r.n}:${r.m}:${r.x}`;
}

export interface CaseSummaryStats {
  caseId: number;
  entries: number;
  review: number;
  latestStoryAt: string | null;
  /** Every timeline story's stage and date, for working out the stage the case has reached. */
  stages: { stage: string; publishedAt: Date }[];
  /** Timeline stories per week over the case's whole life, oldest first: [Monday 00:00 UTC (epoch ms), stories]. */
  weeks: [number, number][];
  /** Stories that joined the timeline after `newSince` (0 when none was given). */
  newStories: number;
}

const SQL = {
  // Read before every feed a poll stores (the matcher is recompiled when it changes): prepared once.
  version: 'select count(*) as n, coalesce(max(updated_at), 0) as m, coalesce(max(id), 0) as x from cases',
  // Every case's weeks in key order (the primary key): totals and activity in one pass, no read of `matches`.
  weeks: 'select case_id, week, stories, entries, review from case_weeks order by case_id, week',
  // A range of matches_created_idx from `since` on: it reads only the matches made since then, however long the
  // timelines are. Copies count (each is a story that joined the timeline); undated matches are on no page.
  newSince: `select case_id, count(*) from matches indexed by matches_created_idx
    where created_at > ? and status in ('auto', 'confirmed') and published_at is not null group by case_id`,
};

/** The case list's query for "new since your last visit", for tests that check its plan. */
export const NEW_STORIES_SQL = SQL.newSince;

/** Per case, how many stories joined its timeline (status auto or confirmed) after `since`. */
export function newStoriesSince(db: Db, since: Date): Map<number, number> {
  const rows = prepared(db, SQL.newSince).raw().all(since.getTime()) as [number, number][];
  return new Map(rows);
}

/**
 * Figures for the case list: timeline size, review queue, latest story and stage, the weeks it has stories in (for
 * its activity sparkline), and how many stories joined it after `newSince`. Per case: its weeks from case_weeks, the
 * newest story and each stage by a seek; the new stories by one range of an index on the matches' creation time. A
 * list of many large cases never reads their older matches.
 */
export function caseStats(db: Db, newSince: Date | null): Map<number, CaseSummaryStats> {
  // One read transaction: every case's figures come from the same snapshot even while another process writes.
  return db.$client.transaction(() => caseStatsNow(db, newSince))();
}

function caseStatsNow(db: Db, newSince: Date | null): Map<number, CaseSummaryStats> {
  const fresh = newSince ? newStoriesSince(db, newSince) : new Map<number, number>();
  const out = new Map<number, CaseSummaryStats>();
  for (const [caseId, week, stories, entries, review] of prepared(db, SQL.weeks).raw().all() as [number, number, number, number, number][]) {
    let s = out.get(caseId);
    if (!s) {
      const latest = caseLatestAt(db, caseId);
      s = { caseId, entries: 0, review: 0, latestStoryAt: latest?.toISOString() ?? null, stages: caseStages(db, caseId), weeks: [], newStories: fresh.get(caseId) ?? 0 };
      out.set(caseId, s);
    }
    s.entries += entries;
    s.review += review;
    if (stories > 0) s.weeks.push([week, stories]);
  }
  return out;
}

// The heavy part of a backfill (finding a case's candidate stories, reading them) and of the case form's live
// preview: run in a worker thread or inline.
import type { CaseDefinition } from '../../core/caseDefinition.ts';
import type { Matcher } from '../../core/matching/matcher.ts';
import { decisionsStamp, type StoryMatch } from '../../db/matches.ts';
import { openReadOnlyDb, type Db } from '../../db/openDb.ts';
import { caseLeadChangesStamped } from '../../app/clusterStories.ts';
import { candidateIdsBetween, matchCaseStories, caseMatcher, previewMatches, type PreviewResult } from '../../app/matchStories.ts';

export type BackfillTask =
  | { op: 'candidates'; dbPath: string; def: CaseDefinition; after: number; upTo: number }
  | { op: 'match'; dbPath: string; def: CaseDefinition; ids: number[] }
  | { op: 'preview'; dbPath: string; def: CaseDefinition }
  | { op: 'clusters'; dbPath: string; caseId: number };

export type BackfillTaskResult = number[] | StoryMatch[] | PreviewResult | ReturnType<typeof caseLeadChangesStamped>;

/** One read-only connection per database file and thread. */
const connections = new Map<string, Db>();
function readOnlyDb(dbPath: string): Db {
  let db = connections.get(dbPath);
  if (!db) connections.set(dbPath, (db = openReadOnlyDb(dbPath)));
  return db;
}

/**
 * The compiled matcher of the case the last task was for: a backfill sends the same case many times. A decision
 * since (a re-match after the user confirmed or rejected stories) compiles it afresh.
 */
let compiled: { key: string; matcher: Matcher } | null = null;
function matcherFor(db: Db, dbPath: string, def: CaseDefinition): Matcher {
  const key = `${dbPath}\n${JSON.stringify(def)}\n${def.id > 0 ? decisionsStamp(db, def.id) : ''}`;
  if (compiled?.key !== key) compiled = { key, matcher: caseMatcher(db, def) };
  return compiled.matcher;
}

export function runBackfillTask(task: BackfillTask, db: Db = readOnlyDb(task.dbPath)): BackfillTaskResult {
  if (task.op === 'candidates') {
    // A case the user confirmed an anonymised report on reads stories with one of its keywords (its decisions are stored).
    const one = task.def.id > 0 && matcherFor(db, task.dbPath, task.def).readsOneKeyword(task.def.id);
    return candidateIdsBetween(db, task.def, task.after, task.upTo, one);
  }
  if (task.op === 'preview') return previewMatches(db, task.def);
  if (task.op === 'clusters') return caseLeadChangesStamped(db, task.caseId);
  return matchCaseStories(db, matcherFor(db, task.dbPath, task.def), task.ids);
}

export default runBackfillTask;

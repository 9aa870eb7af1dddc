// Use cases for alias suggestions: spellings of a case's parties found in stored stories, and adding one.
import type { CaseDefinition } from '../core/caseDefinition.ts';
import { suggestAliases, type AliasSuggestion } from '../core/matching/aliasSuggestions.ts';
import { searchTermsForCase } from '../core/matching/searchTerms.ts';
import { makeTerm } from '../core/matching/terms.ts';
import { toDefinition, type CaseInput } from '../db/cases.ts';
import type { CaseView } from './caseView.ts';
import { rejectedStoryIds } from '../db/matches.ts';
import { candidateStoryIds, storyTextsByIds } from '../db/stories.ts';
import type { JobRow } from '../db/jobs.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { editCase, getCase } from './cases.ts';

/** The stories read for suggestions: the most recently stored that name a party, enough to show a habit of the press. */
export const SUGGESTION_STORIES = 500;

export interface AliasSuggestions {
  suggestions: AliasSuggestion[];
  /** Stories read: those naming a party of the case in any watched form, newest first, at most SUGGESTION_STORIES. */
  storiesChecked: number;
  /** False when more stories name the parties than were read. */
  complete: boolean;
}

/** Suggestions for a case definition, saved or not; stories the case has rejected are no evidence. */
function suggestionsFor(ctx: AppContext, def: CaseDefinition): AliasSuggestions {
  const terms = [...def.parties.flatMap((p) => [p.name, ...p.aliases]), ...searchTermsForCase(def)].map((t) => t.trim()).filter(Boolean);
  const ids = candidateStoryIds(ctx.db, [...new Set(terms)], SUGGESTION_STORIES + 1);
  const complete = ids.length <= SUGGESTION_STORIES;
  const rejected = def.id ? rejectedStoryIds(ctx.db, def.id) : new Set<number>();
  const stories = storyTextsByIds(ctx.db, (complete ? ids : ids.slice(1)).filter((id) => !rejected.has(id)));
  return { suggestions: suggestAliases(def, stories), storiesChecked: stories.length, complete };
}

/** For the case form while it is written (`caseId` when editing, so the case's rejections count). */
export function suggestAliasesForDraft(ctx: AppContext, input: CaseInput, caseId?: number): AliasSuggestions {
  const parties = input.parties.map((p) => ({ ...p, aliases: p.aliases ?? [] }));
  return suggestionsFor(ctx, { id: caseId ?? 0, title: input.title, summary: input.summary ?? null, parties, keywords: input.keywords ?? [], exclude: input.exclude ?? [] });
}

export function aliasSuggestionsForCase(ctx: AppContext, id: number): AliasSuggestions {
  return suggestionsFor(ctx, toDefinition(getCase(ctx, id)));
}

export interface AddedAlias {
  case: CaseView;
  /** False when the party already had this spelling (same words once normalized): nothing changed. */
  added: boolean;
  /** The re-matching the new spelling started (null when nothing changed). */
  job: JobRow | null;
}

/**
 * Adds one alias to one party and re-matches the case like any edit (`editCase`), so stories the new
 * spelling names join the timeline or the review queue.
 */
export function addAlias(ctx: AppContext, caseId: number, party: number, alias: string): AddedAlias {
  const c = getCase(ctx, caseId);
  const target = c.parties[party];
  if (!target) {
    const range = c.parties.length === 1 ? 'must be 0: the case has one party' : `must be from 0 to ${c.parties.length - 1}: the case has ${c.parties.length} parties`;
    throw new AppError('VALIDATION', `invalid alias: party ${range}`, [{ path: 'party', message: range }]);
  }
  const key = makeTerm(alias)?.key;
  if (key !== undefined && [target.name, ...target.aliases].some((t) => makeTerm(t)?.key === key)) return { case: c, added: false, job: null };
  if (target.aliases.length >= 50) {
    const message = `must not be added: ${target.name} already has 50 aliases, the most a party can have`;
    throw new AppError('VALIDATION', `invalid alias: alias ${message}`, [{ path: 'alias', message }]);
  }
  const parties = c.parties.map((p, i) => (i === party ? { ...p, aliases: [...p.aliases, alias] } : p));
  const saved = editCase(ctx, caseId, { parties });
  ctx.log.info({ caseId, party }, 'alias added');
  return { case: saved.case, added: true, job: saved.job };
}

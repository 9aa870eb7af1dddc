// `casewatch cases test`: scores a piece of text against one case and says why, feature by feature.
import { explainMatch, THRESHOLDS } from '../core/matching/matcher.ts';
import { namedWords } from '../core/matching/model.ts';
import { compileCase } from '../core/matching/terms.ts';
import type { Db } from '../db/openDb.ts';
import { decidedStories } from '../db/matches.ts';
import type { CaseView } from './caseView.ts';
import { toDefinition } from '../db/cases.ts';
import { termStatsFor } from './matchStories.ts';

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;

/**
 * The first line is read as the title, the rest as the summary. The case is judged as the matcher judges
 * it: with the stored stories' term statistics and what it learned from the user's decisions.
 */
export function explainText(db: Db, c: CaseView, text: string): string {
  const [title = '', ...rest] = text.split(/\r?\n/);
  const def = toDefinition(c);
  const e = explainMatch(def, { title, summary: rest.join('\n') }, { stats: termStatsFor(db), decisions: decidedStories(db, [def.id]) });
  const verdict =
    e.status === 'auto' ? 'joins the timeline' : e.status === 'review' ? 'goes to the review queue' : e.status === 'excluded' ? 'is excluded' : 'does not match';
  const lines = e.contributions.map((x) => `  ${signed(x.effect).padStart(6)}  ${x.words}`);
  // The compiled parties: a party whose names are only punctuation is dropped there, and the reading follows them.
  const named = namedWords(e.reading, compileCase(def).parties);
  return [
    `score ${e.score} (timeline at ${THRESHOLDS.auto}, review at ${THRESHOLDS.review}): ${verdict}`,
    ...(named ? [`  ${named}`] : []),
    ...(lines.length ? ['  effect  feature (log-odds; the score is the probability × 100)', ...lines] : ["  none of the case's names, courts or facts appear"]),
    ...e.reasons.filter((r) => r.startsWith('excluded by')).map((r) => `  ${r}`),
  ].join('\n');
}

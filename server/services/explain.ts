// `casewatch cases test`: scores a piece of text against one case and says why.
import type { CaseView } from '../../db/cases.ts';
import { toDefinition } from '../../db/cases.ts';
import { explainMatch, THRESHOLDS } from '../../core/matching/matcher.ts';

/** The first line is read as the title, the rest as the summary. */
export function explainText(c: CaseView, text: string): string {
  const [title = '', ...rest] = text.split(/\r?\n/);
  const e = explainMatch(toDefinition(c), { title, summary: rest.join('\n') });
  const verdict = e.status === 'auto' ? 'joins the timeline' : e.status === 'review' ? 'goes to the review queue' : 'does not match';
  return [
    `score ${e.score} (timeline at ${THRESHOLDS.auto}, review at ${THRESHOLDS.review}): ${verdict}`,
    ...(e.reasons.length ? e.reasons.map((r) => `  - ${r}`) : ['  - none of the case\'s names or keywords appear']),
  ].join('\n');
}

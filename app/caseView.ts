// The view model of a case with its parties, as the API, the case form and the timeline show it.
import type { CaseRecord } from '../db/cases.ts';

/** A case as the API and pages give it: the stored record with its times as ISO strings. */
export type CaseView = Omit<CaseRecord, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export function toCaseView(c: CaseRecord): CaseView {
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    court: c.court,
    caseNumber: c.caseNumber,
    parties: c.parties,
    keywords: c.keywords,
    exclude: c.exclude,
    isPublic: c.isPublic,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

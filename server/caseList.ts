// The case list's rows: each case's figures, what joined it since the last visit, in the order asked for.
import { LEGAL_STAGES, latestStage, STAGE_LABELS, type LegalStage } from '../core/timeline/stage.ts';
import { caseStats, listCases } from '../db/cases.ts';
import type { CaseListItem, CaseSort } from '../views/pages/caseList.ts';
import type { AppContext } from '../app/context.ts';

interface Row {
  item: CaseListItem;
  stage: LegalStage | null;
}

const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: Row, b: Row) => names.compare(a.item.title, b.item.title) || a.item.id - b.item.id;
/** Newest story first; cases with no story yet last. ISO strings of one format compare as their moments do. */
const byLatest = (a: Row, b: Row) => (b.item.latestStoryAt ?? '').localeCompare(a.item.latestStoryAt ?? '');
/** Along a case's life (filed, hearing, ruling, appeal, settlement...), cases with no stage last. */
const stageIndex = (r: Row) => (r.stage === null ? LEGAL_STAGES.length : LEGAL_STAGES.indexOf(r.stage));

const ORDER: Record<CaseSort, (a: Row, b: Row) => number> = {
  latest: (a, b) => byLatest(a, b) || byName(a, b),
  name: byName,
  stage: (a, b) => stageIndex(a) - stageIndex(b) || byLatest(a, b) || byName(a, b),
  new: (a, b) => b.item.newStories - a.item.newStories || byLatest(a, b) || byName(a, b),
};

/** Every case as the list shows it; `newSince` null (a first visit) marks nothing new. */
export function caseListItems(ctx: AppContext, sort: CaseSort, newSince: Date | null): CaseListItem[] {
  const stats = caseStats(ctx.db, newSince);
  const rows = listCases(ctx.db).map((c): Row => {
    const s = stats.get(c.id);
    const stage = latestStage(s?.stages ?? []);
    return {
      stage,
      item: {
        id: c.id,
        title: c.title,
        parties: c.parties.map((p) => p.name).join(' · '),
        entries: s?.entries ?? 0,
        review: s?.review ?? 0,
        latestStoryAt: s?.latestStoryAt ?? null,
        latestStage: stage ? STAGE_LABELS[stage] : null,
        newStories: s?.newStories ?? 0,
        weeks: s?.weeks ?? [],
      },
    };
  });
  return rows.sort(ORDER[sort]).map((r) => r.item);
}

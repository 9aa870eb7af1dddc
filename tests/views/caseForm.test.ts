// The case form's preview box: exact counts, or lower bounds when the preview read only the newest candidates.
import { describe, expect, it } from 'vitest';
import { caseFormPage, emptyCaseForm } from '../../views/pages/caseForm.ts';

const preview = (complete: boolean) =>
  caseFormPage({ csrf: 't', mode: { kind: 'new' }, values: emptyCaseForm(), errors: {}, preview: { timeline: 12, review: 3, top: [], complete } });

describe('case form preview', () => {
  it('gives exact counts for a complete preview', () => {
    expect(preview(true)).toContain('Would match 12 stored stories (3 more to review)');
    expect(preview(true)).not.toContain('at least');
  });

  it('says "at least" and why when the preview was capped', () => {
    const page = preview(false);
    expect(page).toContain('Would match at least 12 stored stories (at least 3 more to review)');
    expect(page).toContain('Saving checks them all.');
  });
});

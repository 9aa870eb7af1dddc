// On a new install the case form's preview says there is nothing stored to preview, not "Would match 0 stored stories".
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { submitForm } from '../helpers/forms.ts';

const draft = { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }] };

describe('the live preview on a new install', async () => {
  const app = await startTestApp();

  it('says in the API that no story is stored', async () => {
    const r = await app.api('/api/cases/preview', { method: 'POST', json: { case: draft } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ timeline: 0, review: 0, storiesStored: false });
  });

  it('says on the form, without JavaScript, why there is nothing to preview and what to do', async () => {
    const res = await submitForm(app.url, '/cases/new', '/cases', { title: draft.title, party_0_name: 'ByteDance', party_0_role: 'plaintiff', action: 'preview' });
    const page = await res.text();
    expect(page).toContain('Nothing to preview yet');
    expect(page).toContain('No stories are stored yet, so there is nothing to preview. Add feeds on the Feeds page');
    expect(page).not.toContain('Would match 0 stored stories');
  });
});

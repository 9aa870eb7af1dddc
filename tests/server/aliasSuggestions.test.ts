// Alias suggestions through the real app: spellings found in polled stories, validation, and adding one
// re-matches the case so a story the watch missed joins it (API and the edit page's form).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { getPage, newSession, submitForm } from '../helpers/forms.ts';
import { ITEMS, rss } from '../helpers/spellingFeed.ts';

interface Suggestion {
  party: number;
  partyName: string;
  alias: string;
  kind: string;
  stories: number;
  example: { storyId: number; title: string };
}

const yunfan = { title: 'Yunfan Data v. Xu Zhenyu', parties: [{ name: 'Yunfan Data', role: 'plaintiff', aliases: ['云帆数据'] }, { name: 'Xu Zhenyu', role: 'defendant' }] };
const chengxin = { title: 'Chengxin v. Rößler', parties: [{ name: '澄芯科技', role: 'plaintiff' }, { name: 'Timo Rößler', role: 'defendant' }] };
const fathom = { title: 'Fathom Robotics v. Hangyeol Semiconductor', parties: [{ name: 'Fathom Robotics', role: 'plaintiff' }, { name: 'Hangyeol Semiconductor', role: 'defendant' }], keywords: ['patent'] };

describe('alias suggestions', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const ids = new Map<string, number>();
  const created = async (body: unknown) => (await app.api('/api/cases?wait=true', { method: 'POST', json: body })).body.id as number;
  const suggestions = async (caseId: number) => (await app.api(`/api/cases/${caseId}/alias-suggestions`)).body as { suggestions: Suggestion[]; storiesChecked: number; complete: boolean };
  const onCase = async (caseId: number) => {
    const t = (await app.api(`/api/cases/${caseId}/timeline`)).body as { entries: { storyId: number }[]; review: { storyId: number }[] };
    return new Set([...t.entries, ...t.review].map((e) => e.storyId));
  };

  beforeAll(async () => {
    // The feed starts empty; the stories arrive with a poll.
    feeds = await startFeedServer({ '/s.rss': serveBody(rss([]), 'application/rss+xml; charset=utf-8') });
    app = await startTestApp();
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/s.rss` } })).status).toBe(201);
    feeds.routes.set('/s.rss', serveBody(rss(ITEMS), 'application/rss+xml; charset=utf-8'));
    expect((await app.api('/api/poll?wait=true', { method: 'POST' })).body).toMatchObject({ newStories: ITEMS.length });
    for (const s of (await app.api('/api/stories?limit=200')).body.stories) ids.set(s.guid, s.id);
  });
  afterAll(() => feeds.close());

  it('finds the Han form of a pinyin-only party in stories that name the other party, not a homophone', async () => {
    const caseId = await created(yunfan);
    const got = await suggestions(caseId);
    expect(got.complete).toBe(true);
    expect(got.suggestions).toContainEqual({ party: 1, partyName: 'Xu Zhenyu', alias: '许振宇', kind: 'han', stories: 2, example: { storyId: ids.get('yf-2'), title: '许振宇回应云帆数据诉讼' } });
    expect(got.suggestions.map((s) => s.alias)).not.toContain('徐振宇');
  });

  it('suggests romanisations and transliterations for a draft (POST /api/cases/suggest-aliases)', async () => {
    const res = await app.api('/api/cases/suggest-aliases', { method: 'POST', json: { case: chengxin } });
    expect(res.status).toBe(200);
    const byAlias = new Map((res.body.suggestions as Suggestion[]).map((s) => [s.alias, s]));
    expect(byAlias.get('Chengxin Technology')).toMatchObject({ party: 0, partyName: '澄芯科技', kind: 'pinyin', stories: 1, example: { storyId: ids.get('cx-1') } });
    expect(byAlias.get('Timo Roessler')).toMatchObject({ party: 1, partyName: 'Timo Rößler', kind: 'transliteration', stories: 2 });
    // Once the draft lists a spelling, it is no longer offered.
    const withAlias = { ...chengxin, parties: [chengxin.parties[0], { ...chengxin.parties[1], aliases: ['Timo Roessler'] }] };
    const again = await app.api('/api/cases/suggest-aliases', { method: 'POST', json: { case: withAlias } });
    expect((again.body.suggestions as Suggestion[]).map((s) => s.alias)).not.toContain('Timo Roessler');
  });

  it('adding a local-script name brings the story the watch missed onto the case', async () => {
    const caseId = await created(fathom);
    const got = (await suggestions(caseId)).suggestions;
    expect(got).toContainEqual(expect.objectContaining({ party: 0, alias: 'ファゾム・ロボティクス', kind: 'local-script', stories: 1 }));
    expect(got).toContainEqual(expect.objectContaining({ party: 1, alias: '한결반도체', kind: 'local-script', stories: 1 }));
    expect(await onCase(caseId)).not.toContain(ids.get('fa-2'));

    const add = await app.api(`/api/cases/${caseId}/aliases?wait=true`, { method: 'POST', json: { party: 0, alias: 'ファゾム・ロボティクス' } });
    expect(add.status).toBe(200);
    expect(add.body.added).toBe(true);
    expect(add.body.case.parties[0]).toEqual({ name: 'Fathom Robotics', role: 'plaintiff', aliases: ['ファゾム・ロボティクス'] });
    expect(await onCase(caseId)).toContain(ids.get('fa-2'));
    expect((await suggestions(caseId)).suggestions.map((s) => s.alias)).not.toContain('ファゾム・ロボティクス');
    // Adding it again changes nothing.
    const twice = await app.api(`/api/cases/${caseId}/aliases?wait=true`, { method: 'POST', json: { party: 0, alias: 'ファゾム・ロボティクス' } });
    expect(twice.body).toMatchObject({ added: false, case: { parties: [{ aliases: ['ファゾム・ロボティクス'] }, {}] } });
  });

  it('refuses a bad party index or alias with the field and the reason', async () => {
    const caseId = await created({ title: 'Two parties', parties: [{ name: 'Fathom Robotics', role: 'plaintiff' }, { name: 'Hangyeol Semiconductor', role: 'defendant' }] });
    const post = (json: unknown) => app.api(`/api/cases/${caseId}/aliases?wait=true`, { method: 'POST', json });
    const cases: [unknown, string, RegExp][] = [
      [{ party: 2, alias: 'FR' }, 'party', /must be from 0 to 1: the case has 2 parties/],
      [{ party: -1, alias: 'FR' }, 'party', /must be .*from 0 to 19/],
      [{ party: 'first', alias: 'FR' }, 'party', /whole number/],
      [{ party: 0, alias: '   ' }, 'alias', /must not be empty/],
      [{ party: 0, alias: 'x'.repeat(201) }, 'alias', /at most 200 characters/],
      [{ party: 0, alias: 'a\u0000b' }, 'alias', /control characters/],
      [{ party: 0 }, 'alias', /^is required$/],
      [{ party: 0, alias: 7 }, 'alias', /^must be text$/],
      [{ party: 0, alias: 'FR', role: 'plaintiff' }, 'role', /unknown field/],
    ];
    for (const [json, path, message] of cases) {
      const res = await post(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error).toMatch(/^invalid alias: /);
      expect(res.body.details[0].path).toBe(path);
      expect(res.body.details[0].message).toMatch(message);
    }
    expect((await app.api('/api/cases/999/aliases', { method: 'POST', json: { party: 0, alias: 'FR' } })).status).toBe(404);
    expect((await app.api('/api/cases/999/alias-suggestions')).status).toBe(404);
    expect((await app.api(`/api/cases/${caseId}/alias-suggestions?limit=5`)).status).toBe(400);
    const draft = await app.api('/api/cases/suggest-aliases', { method: 'POST', json: { case: { title: 'x', parties: [] } } });
    expect(draft.status).toBe(400);
    expect(draft.body.details[0]).toEqual({ path: 'case.parties', message: 'must include at least one party with a name' });
    expect((await app.api('/api/cases/suggest-aliases', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('without JavaScript, the edit page adds a suggestion through its small form and says so', async () => {
    const caseId = await created(yunfan);
    const session = newSession();
    const page = await getPage(app.url, `/cases/${caseId}/edit`, session);
    expect(page.html).toContain('Spellings your watch would miss');
    expect(page.html).toMatch(/<form id="add-alias-0" method="post" action="\/cases\/\d+\/aliases" hidden><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="party" value="1"><input type="hidden" name="alias" value="许振宇"><\/form>/);
    const res = await submitForm(app.url, `/cases/${caseId}/edit`, `/cases/${caseId}/aliases`, { party: '1', alias: '许振宇' }, session);
    expect(res.status).toBe(303);
    const back = res.headers.get('location')!;
    expect(back).toMatch(new RegExp(`^/cases/${caseId}/edit\\?`));
    const after = await getPage(app.url, back, session);
    expect(after.html).toContain('Added “许振宇” to the aliases of Xu Zhenyu');
    expect(after.html).toMatch(/<textarea id="party-1-aliases"[^>]*>许振宇<\/textarea>/);
    expect(after.html).not.toContain('name="alias" value="许振宇"');
    expect((await app.api(`/api/cases/${caseId}`)).body.parties[1].aliases).toEqual(['许振宇']);
    // A form without its token is refused, like every form.
    const forged = await fetch(`${app.url}/cases/${caseId}/aliases`, { method: 'POST', body: new URLSearchParams({ party: '0', alias: 'X' }), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(forged.status).toBe(403);
  });

  it('without JavaScript, the new-case preview lists suggestions and Add puts one into the form', async () => {
    const fields = { title: 'Yunfan Data v. Xu Zhenyu', party_0_name: 'Yunfan Data', party_0_role: 'plaintiff', party_0_aliases: '云帆数据', party_1_name: 'Xu Zhenyu', party_1_role: 'defendant', party_1_aliases: '' };
    const preview = await submitForm(app.url, '/cases/new', '/cases', { ...fields, action: 'preview' });
    const html = await preview.text();
    expect(html).toContain('name="add_alias" value="1:许振宇"');
    const added = await submitForm(app.url, '/cases/new', '/cases', { ...fields, add_alias: '1:许振宇' });
    expect(added.status).toBe(200);
    const form = await added.text();
    expect(form).toMatch(/<textarea id="party-1-aliases"[^>]*>许振宇<\/textarea>/);
    expect(form).not.toContain('value="1:许振宇"');
  });
});

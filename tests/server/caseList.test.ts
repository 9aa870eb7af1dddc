// The case list (/): its orders, what is new since the browser's last visit (kept in a cookie), the activity of each
// case over its own life, and the latest story as a distance with the UTC moment as tooltip.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPage, newSession } from '../helpers/forms.ts';
import { caseListWorld, type CaseListWorld } from '../helpers/caseListWorld.ts';

const HOUR = 3_600_000;
/** The case titles in the order the list shows them. */
const titles = (html: string) => [...html.matchAll(/<td class="case-cell"><a href="\/cases\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
const rowOf = (html: string, id: number) => html.slice(html.indexOf(`<a href="/cases/${id}">`)).split('</tr>')[0]!;

describe('the case list', () => {
  let w: CaseListWorld;
  beforeAll(async () => {
    w = await caseListWorld();
  }, 60_000);

  it('orders cases by latest story by default, and by name, stage or new stories on request', async () => {
    const get = async (q: string) => titles((await getPage(w.app.url, `/${q}`)).html);
    expect(await get('')).toEqual(['ByteDance v. Tian Keyu', 'Acme Corporation v. Wile E. Coyote', 'Globex v. Initech']);
    expect(await get('?sort=latest')).toEqual(await get(''));
    expect(await get('?sort=name')).toEqual(['Acme Corporation v. Wile E. Coyote', 'ByteDance v. Tian Keyu', 'Globex v. Initech']);
    // Along a case's life: filed before ruling; a case with no stage last.
    expect(await get('?sort=stage')).toEqual(['ByteDance v. Tian Keyu', 'Acme Corporation v. Wile E. Coyote', 'Globex v. Initech']);
    const page = (await getPage(w.app.url, '/?sort=name')).html;
    expect(page).toContain('<a href="/?sort=name" aria-current="true">Name</a>');
    expect(page).toContain('<a href="/">Latest story</a>');
  });

  it('refuses an unknown order with a 400 that names the field and the reason', async () => {
    const res = await fetch(`${w.app.url}/?sort=oldest`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('invalid query: sort must be &quot;latest&quot;, &quot;name&quot;, &quot;stage&quot; or &quot;new&quot;');
    expect((await fetch(`${w.app.url}/?order=name`)).status).toBe(400);
  });

  it('draws each case\'s activity over its own life: news from 2018 to 2020 is not twelve flat zeros', async () => {
    const html = (await getPage(w.app.url, '/')).html;
    const acme = rowOf(html, w.ids.old);
    const label = /aria-label="Stories per (\d+) weeks, (\w+ \d{4}) – (\w+ \d{4}): ([\d, ]+)"/.exec(acme)!;
    expect(label, acme).not.toBeNull();
    expect(label[3]).toBe('Jun 2020');
    const bars = label[4]!.split(', ').map(Number);
    expect(bars).toHaveLength(12);
    expect(bars.reduce((a, b) => a + b)).toBe(await w.totalStories(w.ids.old));
    expect(bars[0]).toBeGreaterThan(0);
    expect(bars[11]).toBeGreaterThan(0);
    expect(acme).not.toContain('This week');
    expect(rowOf(html, w.ids.none)).toContain('no stories yet');
  });

  it('shows the latest story as a distance, with its moment in UTC as the tooltip', async () => {
    const acme = rowOf((await getPage(w.app.url, '/')).html, w.ids.old);
    expect(acme).toMatch(/<time datetime="2020-06-01T09:00:00.000Z" data-time="relative" title="2020-06-01 09:00 UTC">\d years ago<\/time>/);
  });
});

describe('new since your last visit', () => {
  let w: CaseListWorld;
  beforeAll(async () => {
    w = await caseListWorld();
  }, 60_000);

  it('marks nothing new on a first visit, counts what joined each timeline since at the next, and keeps it while browsing', async () => {
    const browser = newSession();
    const first = await getPage(w.app.url, '/', browser);
    expect(first.html).toContain('First visit from this browser');
    expect(first.html).not.toContain('class="new-count"');
    const cookie = first.res.headers.getSetCookie().find((c) => c.startsWith('cw_seen='))!;
    expect(cookie).toMatch(/^cw_seen=\d{13}; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(Math.abs(Number(/^cw_seen=(\d+)/.exec(cookie)![1]) - Date.now())).toBeLessThan(60_000);

    // A reload a moment later is the same first visit: still nothing new.
    expect((await getPage(w.app.url, '/', browser)).html).toContain('First visit from this browser');
    const added = await w.addNews();
    expect(added).toBeGreaterThan(0);

    // An hour later: a new visit, counted from the end of the first one.
    w.setClockAhead(HOUR);
    const second = (await getPage(w.app.url, '/', browser)).html;
    expect(second).toMatch(/<strong>1 case has new stories<\/strong> since your last visit on <time datetime="[^"]+" data-time="absolute">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>\./);
    expect(rowOf(second, w.ids.fresh)).toContain(`<span class="new-count">${added} new<span class="visually-hidden">`);
    expect(rowOf(second, w.ids.old)).not.toContain('new-count');
    expect(titles((await getPage(w.app.url, '/?sort=new', browser)).html)[0]).toBe('ByteDance v. Tian Keyu');
    // Opening a case and coming back within the visit keeps its marks.
    await getPage(w.app.url, `/cases/${w.ids.fresh}`, browser);
    expect(rowOf((await getPage(w.app.url, '/', browser)).html, w.ids.fresh)).toContain(`${added} new`);

    // Three hours on, another visit: nothing arrived since the last one.
    w.setClockAhead(4 * HOUR);
    const third = (await getPage(w.app.url, '/', browser)).html;
    expect(third).toContain('No new stories since your last visit on');
    expect(third).not.toContain('class="new-count"');

    // Another browser has its own last visit: its first.
    expect((await getPage(w.app.url, '/')).html).toContain('First visit from this browser');
  });

  it('treats a cookie it did not write (not numbers, or from the future) as a first visit', async () => {
    for (const value of ['abc', '1.2.3', `${Date.now() + 10 * 24 * HOUR}`, `${Date.now() - HOUR}.${Date.now()}`]) {
      const res = await fetch(`${w.app.url}/`, { headers: { cookie: `cw_seen=${value}` } });
      expect(res.status, value).toBe(200);
      expect(await res.text(), value).toContain('First visit from this browser');
    }
  });
});
